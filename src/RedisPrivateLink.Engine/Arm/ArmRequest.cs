using Azure.Core;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>A request for <see cref="IArmGateway.SendAsync"/>: anything the typed methods don't cover.</summary>
public sealed class ArmRequest
{
    public ArmRequest(RequestMethod method, string path)
    {
        Method = method;
        Path = path;
    }

    public RequestMethod Method { get; }

    /// <summary>An ARM path such as <c>/subscriptions/{id}/providers/Microsoft.Cache/checkNameAvailability</c>; no query.</summary>
    public string Path { get; }

    /// <summary>The api-version; null picks the pinned one for the path (<see cref="ApiVersions.ForPath"/>).</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The body, serialized with <see cref="ArmJson.Options"/>; null sends none.</summary>
    public object? Body { get; set; }
}
