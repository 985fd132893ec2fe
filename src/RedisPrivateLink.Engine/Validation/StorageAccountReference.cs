namespace RedisPrivateLink.Engine.Validation;

/// <summary>A storage account a persistence connection string points at; never carries the key.</summary>
public sealed class StorageAccountReference
{
    public StorageAccountReference(string configurationKey, string accountName, string? endpointSuffix)
    {
        ConfigurationKey = configurationKey;
        AccountName = accountName;
        EndpointSuffix = endpointSuffix;
    }

    /// <summary>The redisConfiguration key the connection string came from, e.g. rdb-storage-connection-string.</summary>
    public string ConfigurationKey { get; }

    public string AccountName { get; }

    /// <summary>For example core.windows.net; null when the connection string does not say.</summary>
    public string? EndpointSuffix { get; }
}
