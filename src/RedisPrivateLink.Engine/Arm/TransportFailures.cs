using System;
using System.Security.Authentication;
using Azure;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>Recognises and explains requests that never got an answer from ARM.</summary>
internal static class TransportFailures
{
    /// <summary>No answer: the connection failed or was dropped.</summary>
    public const string ArmUnreachable = nameof(ArmUnreachable);

    /// <summary>No answer before the request's network timeout.</summary>
    public const string ArmRequestTimedOut = nameof(ArmRequestTimedOut);

    /// <summary>True when the TLS handshake failed, which with a pinned certificate means the pin did not match.</summary>
    public static bool IsCertificateRejection(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The error a cmdlet shows for a request that got no answer, once retries are spent. Null for anything that is
    /// not a transport failure, which the caller rethrows as it is; the caller's own cancellation never comes here.
    /// </summary>
    public static RedisPrivateLinkException? Explain(Exception exception, string method, Uri uri, bool pinned)
    {
        var target = $"{method} {uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";
        if (IsCertificateRejection(exception))
        {
            var hint = pinned
                ? "The certificate does not match the thumbprint in the emulator's connection file: the emulator was probably restarted. Connect again with its new connection file."
                : "Check the system clock, any proxy that intercepts TLS, and the -ResourceManagerUrl.";
            return new RedisPrivateLinkException(
                "ServerCertificateNotTrusted",
                RedisPrivateLinkErrorCategory.SecurityError,
                $"The server at {uri.Authority} presented a certificate that is not trusted ({target}). {hint}",
                target,
                exception);
        }

        // A POST that may have been acted on is sent once (see ArmRetryPolicy); every other request was retried.
        var attempts = ArmRetryPolicy.IsSafeToRepeat(method, uri.AbsolutePath) ? " after retries" : string.Empty;
        if (exception is RequestFailedException { Status: 0 } or System.Net.Http.HttpRequestException or System.IO.IOException)
        {
            return new RedisPrivateLinkException(
                ArmUnreachable,
                RedisPrivateLinkErrorCategory.ConnectionError,
                $"No answer from Azure Resource Manager at {uri.Authority}{attempts} ({target}): {exception.GetBaseException().Message} Check the network and proxy settings; running the same command again continues where it stopped.",
                target,
                exception);
        }

        // The caller's token is not cancelled (the gateway asks only then), so the network timeout of the request ran out.
        if (exception is OperationCanceledException)
        {
            return new RedisPrivateLinkException(
                ArmRequestTimedOut,
                RedisPrivateLinkErrorCategory.ConnectionError,
                $"Azure Resource Manager at {uri.Authority} did not answer in time{attempts} ({target}): {exception.Message} Running the same command again continues where it stopped.",
                target,
                exception);
        }

        return null;
    }
}
