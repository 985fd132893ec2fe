using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>Reads a cache's access key through ARM (POST listKeys) straight into a SecureString, for AUTH only.</summary>
public static class AccessKeyReader
{
    /// <exception cref="RedisPrivateLinkException">AccessKeysUnavailable: the cache answered no key (access keys disabled).</exception>
    public static async Task<SecureString> ReadPrimaryKeyAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var response = await arm.PostActionAsync(cacheId + "/listKeys", null, waitForCompletion: false, cancellationToken).ConfigureAwait(false);
        var key = response.ReadAs<RedisAccessKeys>()?.PrimaryKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new RedisPrivateLinkException("AccessKeysUnavailable", RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{cacheId.Name}' returned no access key: access-key authentication may be disabled on it. Give a key with -AccessKey, or test without -UseAccessKey.",
                cacheId.ToString());
        }

        var secure = new SecureString();
        foreach (var character in key!)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
