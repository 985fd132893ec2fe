using System;

namespace RedisPrivateLink.Engine.Context;

/// <summary>A token another sign-in obtained (Az.Accounts' Get-AzAccessToken), with when it expires.</summary>
public sealed class ExternalAccessToken
{
    public ExternalAccessToken(string token, DateTimeOffset expiresOn)
    {
        Token = token ?? throw new ArgumentNullException(nameof(token));
        ExpiresOn = expiresOn;
    }

    public string Token { get; }

    public DateTimeOffset ExpiresOn { get; }

    public override string ToString() => $"token expiring {ExpiresOn:u}";
}
