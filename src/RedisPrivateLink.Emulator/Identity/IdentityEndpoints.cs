using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RedisPrivateLink.Emulator.Control;

namespace RedisPrivateLink.Emulator.Identity;

/// <summary>
/// The endpoints Azure.Identity (MSAL) asks for tokens: the App Service managed identity protocol that Azure Automation
/// gives a runbook (IDENTITY_ENDPOINT + IDENTITY_HEADER), IMDS (its address overridable with
/// AZURE_POD_IDENTITY_AUTHORITY_HOST), and Microsoft Entra's v2.0 token endpoint with instance discovery for service
/// principals (AuthorityHost pointed here). Requests are logged like ARM calls: method, path and redacted query, never bodies.
/// </summary>
internal static class IdentityEndpoints
{
    public const string AppServicePath = "/msi/token";
    public const string ImdsPath = "/metadata/identity/oauth2/token";

    /// <summary>True for the paths served here rather than by the ARM pipeline.</summary>
    public static bool Serves(PathString path)
    {
        var value = path.Value ?? "";
        var segments = value.Trim('/').Split('/');
        return value.Equals(AppServicePath, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ImdsPath, StringComparison.OrdinalIgnoreCase)
            || (segments.Length == 4 && segments[1] == "oauth2" && segments[2] == "v2.0" && segments[3] == "token")
            || (segments.Length == 3 && segments[1] == "discovery" && segments[2] == "instance")
            || value.EndsWith("/v2.0/.well-known/openid-configuration", StringComparison.Ordinal);
    }

    public static void Map(IEndpointRouteBuilder app, EmulatorContext emulator)
    {
        app.MapGet(AppServicePath, (Func<HttpContext, Task<IResult>>)(http => Logged(http, emulator, () => AppServiceToken(http, emulator))));
        app.MapGet(ImdsPath, (Func<HttpContext, Task<IResult>>)(http => Logged(http, emulator, () => ImdsToken(http, emulator))));
        app.MapPost("/{tenant}/oauth2/v2.0/token", (HttpContext http, string tenant) => Logged(http, emulator, () => EntraToken(http, tenant, emulator)));
        app.MapGet("/{tenant}/discovery/instance", (Func<HttpContext, Task<IResult>>)(http => Logged(http, emulator, () => Task.FromResult(InstanceDiscovery(http)))));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext http, string tenant) =>
            Logged(http, emulator, () => Task.FromResult(OpenIdConfiguration(http, tenant))));
    }

    /// <summary>/_emulator/servicePrincipals: registers an application tests sign in as.</summary>
    public static void MapControl(RouteGroupBuilder group, EmulatorContext emulator)
    {
        group.MapPost("/servicePrincipals", (ServicePrincipalRegistration registration) =>
        {
            if (!Guid.TryParse(registration.ClientId, out _) || (registration.ClientSecret is null) == (registration.Certificate is null))
            {
                return Results.BadRequest(new { error = new { code = "InvalidServicePrincipal", message = "Give a GUID clientId and exactly one of clientSecret or certificate (base64 DER)." } });
            }

            X509Certificate2? certificate = null;
            if (registration.Certificate is not null)
            {
                try
                {
                    certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(registration.Certificate));
                }
                catch (Exception error) when (error is FormatException or CryptographicException)
                {
                    return Results.BadRequest(new { error = new { code = "InvalidServicePrincipal", message = "certificate is not a base64 DER certificate: " + error.Message } });
                }
            }

            var tenantId = registration.TenantId ?? emulator.Options.TenantId;
            emulator.Directory.Register(new ServicePrincipal(registration.ClientId!, tenantId, registration.ClientSecret, certificate));
            return Results.Created($"{ControlPlane.Prefix}/servicePrincipals/{registration.ClientId}", new
            {
                clientId = registration.ClientId,
                tenantId,
                objectId = EntraDirectory.ObjectIdOf(registration.ClientId!),
            });
        });
        group.MapGet("/identity", () => Results.Ok(new
        {
            systemAssignedClientId = emulator.Directory.SystemAssignedClientId,
            systemAssignedObjectId = EntraDirectory.ObjectIdOf(emulator.Directory.SystemAssignedClientId),
            tenantId = emulator.Options.TenantId,
            tokenLifetimeSeconds = emulator.Tokens.Lifetime.TotalSeconds,
        }));
    }

    /// <summary>
    /// App Service 2019-08-01: X-IDENTITY-HEADER must carry the secret the sandbox was given; client_id picks a
    /// user-assigned identity. Answer: access_token, expires_on (epoch seconds, as a string), resource, token_type, client_id.
    /// </summary>
    private static Task<IResult> AppServiceToken(HttpContext http, EmulatorContext emulator)
    {
        var request = http.Request;
        if (!string.Equals(request.Headers["X-IDENTITY-HEADER"].ToString(), emulator.IdentityHeader, StringComparison.Ordinal))
        {
            return Task.FromResult(Results.Json(new { statusCode = 401, message = "Unauthorized: the X-IDENTITY-HEADER header is missing or wrong." }, statusCode: 401));
        }

        if (request.Query["api-version"].ToString() != "2019-08-01")
        {
            return Task.FromResult(Results.Json(new { statusCode = 400, message = "api-version must be 2019-08-01." }, statusCode: 400));
        }

        return Task.FromResult(ManagedIdentityToken(request.Query["resource"].ToString(), request.Query["client_id"].ToString(), emulator, imds: false));
    }

    /// <summary>IMDS 2018-02-01: Metadata: true is required; client_id picks a user-assigned identity.</summary>
    private static Task<IResult> ImdsToken(HttpContext http, EmulatorContext emulator)
    {
        var request = http.Request;
        if (!string.Equals(request.Headers["Metadata"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(Results.Json(new { error = "invalid_request", error_description = "Required metadata header not specified" }, statusCode: 400));
        }

        return Task.FromResult(ManagedIdentityToken(request.Query["resource"].ToString(), request.Query["client_id"].ToString(), emulator, imds: true));
    }

    private static IResult ManagedIdentityToken(string resource, string clientId, EmulatorContext emulator, bool imds)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return Results.Json(new { error = "invalid_request", error_description = "Required query variable 'resource' is missing" }, statusCode: 400);
        }

        var identity = string.IsNullOrEmpty(clientId) ? emulator.Directory.SystemAssignedClientId : clientId;
        var token = emulator.Tokens.Issue(emulator.Options.TenantId, EntraDirectory.ObjectIdOf(identity), identity, resource, "app");
        var expiresOn = token.ExpiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["access_token"] = token.AccessToken,
            ["client_id"] = identity,
            ["expires_on"] = expiresOn,
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        };
        if (imds)
        {
            var expiresIn = ((long)(token.ExpiresOn - token.IssuedOn).TotalSeconds).ToString(CultureInfo.InvariantCulture);
            body["expires_in"] = expiresIn;
            body["ext_expires_in"] = expiresIn;
            body["not_before"] = token.IssuedOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(body);
    }

    /// <summary>
    /// Entra's v2.0 token endpoint, client credentials: a client_secret, or a client_assertion (a JWT signed with the
    /// registered certificate, whose thumbprint is its x5t or x5t#S256) for a service principal of the path's tenant.
    /// </summary>
    private static async Task<IResult> EntraToken(HttpContext http, string tenant, EmulatorContext emulator)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["grant_type"].ToString() != "client_credentials")
        {
            return EntraError(400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
        }

        var clientId = form["client_id"].ToString();
        var principal = emulator.Directory.Find(clientId);
        if (principal is null || !principal.TenantId.Equals(tenant, StringComparison.OrdinalIgnoreCase))
        {
            return EntraError(400, "unauthorized_client", 700016,
                $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");
        }

        if (principal.Secret is not null)
        {
            var secret = form["client_secret"].ToString();
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(principal.Secret)))
            {
                return EntraError(401, "invalid_client", 7000215,
                    $"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{clientId}'.");
            }
        }
        else if (!AssertionIsValid(form["client_assertion"].ToString(), principal.Certificate!, $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}", emulator.Now))
        {
            return EntraError(401, "invalid_client", 700027,
                "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application, or the assertion's signature, audience or lifetime is invalid.");
        }

        var scope = form["scope"].ToString();
        var audience = scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;
        var token = emulator.Tokens.Issue(principal.TenantId, EntraDirectory.ObjectIdOf(clientId), clientId, audience, "app");
        var expiresIn = (long)(token.ExpiresOn - token.IssuedOn).TotalSeconds;
        return Results.Json(new { token_type = "Bearer", expires_in = expiresIn, ext_expires_in = expiresIn, access_token = token.AccessToken });
    }

    private static bool AssertionIsValid(string assertion, X509Certificate2 certificate, string tokenEndpoint, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            var header = JsonNode.Parse(TokenIssuer.FromBase64Url(parts[0]))!.AsObject();
            var payload = JsonNode.Parse(TokenIssuer.FromBase64Url(parts[1]))!.AsObject();
            // MSAL names the certificate by its SHA-256 thumbprint (x5t#S256) with PS256, by its SHA-1 one (x5t) with RS256.
            var sha256 = header["x5t#S256"]?.GetValue<string>();
            var sha1 = header["x5t"]?.GetValue<string>();
            var names = sha256 is not null
                ? TokenIssuer.FromBase64Url(sha256).AsSpan().SequenceEqual(certificate.GetCertHash(HashAlgorithmName.SHA256))
                : sha1 is not null && TokenIssuer.FromBase64Url(sha1).AsSpan().SequenceEqual(certificate.GetCertHash());
            if (!names)
            {
                return false;
            }

            using var key = certificate.GetRSAPublicKey();
            var padding = header["alg"]?.GetValue<string>() switch
            {
                "RS256" => RSASignaturePadding.Pkcs1,
                "PS256" => RSASignaturePadding.Pss,
                _ => null,
            };
            if (key is null || padding is null
                || !key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), TokenIssuer.FromBase64Url(parts[2]), HashAlgorithmName.SHA256, padding))
            {
                return false;
            }

            // MSAL writes exp as a string of epoch seconds, other clients as a number.
            var exp = payload["exp"]?.ToString();
            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 0);
            return string.Equals(payload["aud"]?.GetValue<string>(), tokenEndpoint, StringComparison.OrdinalIgnoreCase) && expiresOn > now;
        }
        catch (Exception error) when (error is JsonException or FormatException or InvalidOperationException or CryptographicException)
        {
            return false;
        }
    }

    /// <summary>MSAL's instance discovery for an authority host it does not know: this host is its own only alias.</summary>
    private static IResult InstanceDiscovery(HttpContext http)
    {
        var host = http.Request.Host.ToString();
        var authorization = http.Request.Query["authorization_endpoint"].ToString();
        var tenant = Uri.TryCreate(authorization, UriKind.Absolute, out var uri) ? uri.Segments.ElementAtOrDefault(1)?.Trim('/') ?? "common" : "common";
        return Results.Text(new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"https://{host}/{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = host,
                ["preferred_cache"] = host,
                ["aliases"] = new JsonArray(host),
            }),
        }.ToJsonString(), "application/json");
    }

    private static IResult OpenIdConfiguration(HttpContext http, string tenant)
    {
        var issuerBase = $"https://{http.Request.Host}/{tenant}";
        return Results.Json(new
        {
            token_endpoint = $"{issuerBase}/oauth2/v2.0/token",
            authorization_endpoint = $"{issuerBase}/oauth2/v2.0/authorize",
            issuer = $"{issuerBase}/v2.0",
            token_endpoint_auth_methods_supported = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
        });
    }

    private static IResult EntraError(int status, string error, int code, string description) =>
        Results.Json(new JsonObject
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new JsonArray(code),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        }, statusCode: status);

    private static async Task<IResult> Logged(HttpContext http, EmulatorContext emulator, Func<Task<IResult>> handle)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await handle();
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-ms-request-id"] = requestId;
        emulator.Log.Add(new RequestLogEntry(http.Request.Method, http.Request.Path.Value ?? "/", QueryRedaction.Redact(http.Request.QueryString.Value ?? ""),
            status, Stopwatch.GetElapsedTime(started).TotalMilliseconds, DateTimeOffset.UtcNow, requestId, requestId));
        return result;
    }
}

/// <summary>The body of POST /_emulator/servicePrincipals.</summary>
internal sealed record ServicePrincipalRegistration(string? ClientId, string? TenantId, string? ClientSecret, string? Certificate);
