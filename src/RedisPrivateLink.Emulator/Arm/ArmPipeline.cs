using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Emulator.Faults;
using RedisPrivateLink.Emulator.Identity;
using RedisPrivateLink.Emulator.Store;
using RedisPrivateLink.Emulator.Throttling;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// Every ARM call passes here, in ARM's order: ids and logging, injected faults, authentication (Identity/ArmAuthentication), api-version,
/// throttling, then the handler under the store's lock (with operations settled by the clock first).
/// </summary>
internal sealed class ArmPipeline(EmulatorContext emulator, StateFile? stateFile)
{
    /// <summary>ARM writes apostrophes and '+' as they are, not as \u0027 escapes.</summary>
    private static readonly JsonSerializerOptions WireJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArmDispatcher _dispatcher = new(emulator);

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var request = http.Request;
        var requestId = Guid.NewGuid().ToString();
        var correlationId = Header(request, "x-ms-correlation-request-id") ?? Header(request, "x-ms-client-request-id")
                            ?? Guid.NewGuid().ToString();
        http.Response.Headers["x-ms-request-id"] = requestId;
        http.Response.Headers["x-ms-correlation-request-id"] = correlationId;
        if (Header(request, "x-ms-client-request-id") is { } clientRequestId)
        {
            http.Response.Headers["x-ms-client-request-id"] = clientRequestId;
        }

        var status = 0;
        try
        {
            var path = request.Path.Value ?? "/";
            var fault = emulator.Faults.TakeRequestFault(request.Method, path);
            if (fault?.Kind == "drop")
            {
                http.Abort();
                return;
            }

            if (fault?.Kind is "dropAfterActing" or "holdAfterActing")
            {
                await ActThenLoseTheAnswerAsync(http, fault);
                return;
            }

            if (fault?.Kind == "delay")
            {
                await Task.Delay(fault.DelayMs ?? 0, http.RequestAborted);
            }

            var result = fault?.Kind switch
            {
                "status" => StatusFault(fault),
                "busy" => BusyFault(fault, path, $"{request.Scheme}://{request.Host}/"),
                _ when emulator.Faults.TakeNotFoundAfterCreate(request.Method, path) => NotYetReplicated(path),
                _ => await HandleAsync(http),
            };
            status = result.Status;
            await WriteAsync(http, result);
        }
        finally
        {
            emulator.Log.Add(new RequestLogEntry(
                request.Method,
                request.Path.Value ?? "/",
                QueryRedaction.Redact(request.QueryString.Value ?? ""),
                status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                DateTimeOffset.UtcNow,
                requestId,
                correlationId));
        }
    }

    /// <summary>
    /// ARM accepted and acted on the request (the resource written, its operation started) but the answer never
    /// reaches the client: the connection is dropped at once, or held until the client gives up and then dropped, as
    /// a gateway or network timeout after ARM accepted a request loses its answer. Logged as unanswered (status 0).
    /// </summary>
    private async Task ActThenLoseTheAnswerAsync(HttpContext http, FaultRule fault)
    {
        await HandleAsync(http);
        if (fault.Kind == "holdAfterActing")
        {
            try
            {
                await Task.Delay(fault.DelayMs!.Value, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up first, as it should: the answer is lost either way.
            }
        }

        http.Abort();
    }

    private async Task<ArmResult> HandleAsync(HttpContext http)
    {
        var request = http.Request;
        RequestCategory? category = null;
        (bool Taken, int Remaining, int GlobalRemaining, int RetryAfterSeconds)? throttle = null;
        ArmResult result;
        try
        {
            var principalId = ArmAuthentication.Require(Header(request, "Authorization"), request.Path.Value ?? "/", emulator);
            var apiVersion = request.Query["api-version"].ToString();
            if (string.IsNullOrEmpty(apiVersion))
            {
                throw ArmErrors.MissingApiVersion();
            }

            var path = ArmPath.Parse(request.Path.Value ?? "/");
            category = SubscriptionThrottle.Categorize(request.Method);
            throttle = emulator.Throttle.TryTake(path.SubscriptionId ?? "tenant", category.Value);
            if (throttle is { Taken: false } refused)
            {
                throw new ArmException(429, "SubscriptionRequestsThrottled",
                    $"Number of '{category.Value.ToString().ToLowerInvariant()[..^1]}' requests for subscription " +
                    $"'{path.SubscriptionId}' actor '{Guid.Empty}' exceeded. Please try again after '{refused.RetryAfterSeconds}' " +
                    "seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.")
                {
                    RetryAfterSeconds = refused.RetryAfterSeconds,
                };
            }

            var armRequest = new ArmRequest
            {
                Method = request.Method,
                Path = path,
                ApiVersion = apiVersion,
                Body = await ReadBodyAsync(request),
                BaseUrl = $"{request.Scheme}://{request.Host}/",
                SkipToken = int.TryParse(request.Query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var skip) ? skip : 0,
                Now = emulator.Now,
                PrincipalId = principalId,
            };
            result = Dispatch(armRequest);
        }
        catch (ArmException error)
        {
            result = error.ToResult();
        }

        if (category is { } answeredCategory && throttle is { } counted)
        {
            result.WithHeader(SubscriptionThrottle.HeaderName(answeredCategory), counted.Remaining.ToString(CultureInfo.InvariantCulture))
                .WithHeader(SubscriptionThrottle.GlobalHeaderName(answeredCategory), counted.GlobalRemaining.ToString(CultureInfo.InvariantCulture))
                .WithHeader(SubscriptionThrottle.ThrottlingVersionHeader, SubscriptionThrottle.ThrottlingVersion);
        }

        return result;
    }

    private ArmResult Dispatch(ArmRequest request)
    {
        lock (emulator.Store.Gate)
        {
            emulator.Store.Settle(request.Now);
            emulator.Policies.DeployDue(request.Now);
            var result = _dispatcher.Dispatch(request);
            if (stateFile is not null && request.Method is not ("GET" or "HEAD"))
            {
                stateFile.Save(emulator);
            }

            return result;
        }
    }

    private static ArmResult StatusFault(FaultRule fault)
    {
        var status = fault.Status ?? 500;
        var error = new ArmException(status, fault.Code ?? DefaultCode(status),
            fault.Message ?? "The request failed (fault injected by the ARM emulator).")
        {
            RetryAfterSeconds = fault.RetryAfter,
        };
        return error.ToResult();
    }

    /// <summary>The busy answer of the provider the path belongs to (see ArmErrors), for a resource that is idle here.</summary>
    private ArmResult BusyFault(FaultRule fault, string path, string baseUrl)
    {
        var resourceId = path.TrimEnd('/');
        var segments = resourceId.Trim('/').Split('/');
        if (segments.Length > 5 && segments[5].Equals("Microsoft.Cache", StringComparison.OrdinalIgnoreCase))
        {
            return ArmErrors.CacheBusy(resourceId).ToResult();
        }

        var operationId = Guid.NewGuid().ToString();
        if (fault.Status == 429)
        {
            // The busy one is the resource written, by a Put{Type}Operation: "Operation PutSubnetOperation (…) is updating resource …".
            var typeName = segments[^2];
            var operationName = $"Put{char.ToUpperInvariant(typeName[0])}{typeName[1..].TrimEnd('s')}Operation";
            var error = ArmErrors.RetryableErrorDueToAnotherOperation(operationName, operationId, resourceId, fault.RetryAfter ?? 14);
            return fault.RetryAfter is null ? error.ToResult() : error.ToResult().WithHeader("Retry-After", fault.RetryAfter.Value.ToString(CultureInfo.InvariantCulture));
        }

        var subscription = segments.Length > 1 ? segments[1] : Guid.Empty.ToString();
        return ArmErrors.AnotherOperationInProgress(
            $"{baseUrl}subscriptions/{subscription}/providers/Microsoft.Network/locations/{LocationOf(resourceId)}/operations/{operationId}?api-version=2024-05-01").ToResult();
    }

    /// <summary>Where the resource's top-level ancestor lives, as Network spells it in operation URLs; "global" when unknown.</summary>
    private string LocationOf(string resourceId)
    {
        var topLevelId = string.Join('/', resourceId.Split('/').Take(9));
        lock (emulator.Store.Gate)
        {
            return emulator.Store.Find(topLevelId)?.Body["location"]?.GetValue<string>() is { } location ? Providers.Regions.Normalize(location) : "global";
        }
    }

    /// <summary>
    /// ARM's answer to a read of a resource it has not replicated yet to the region serving the read: the ordinary
    /// 404 ResourceNotFound (hashicorp/terraform-provider-azurerm#18268, Microsoft's ARM team on the cause).
    /// </summary>
    private static ArmResult NotYetReplicated(string path)
    {
        var segments = path.Trim('/').Split('/');
        var resourceGroup = segments.Length > 3 ? segments[3] : "";
        return ArmErrors.ResourceNotFound(string.Join('/', segments.Skip(5)), resourceGroup).ToResult();
    }

    private static string DefaultCode(int status) => status switch
    {
        429 => "SubscriptionRequestsThrottled",
        409 => "Conflict",
        >= 500 => "InternalServerError",
        _ => "BadRequest",
    };

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException error)
        {
            throw ArmErrors.InvalidRequestContent(error.Message);
        }
    }

    private static async Task WriteAsync(HttpContext http, ArmResult result)
    {
        http.Response.StatusCode = result.Status;
        foreach (var (name, value) in result.Headers)
        {
            http.Response.Headers[name] = value;
        }

        http.Response.Headers.CacheControl = "no-cache";
        if (result.Body is not null && !HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(result.Body.ToJsonString(WireJson), http.RequestAborted);
        }
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values.ToString()) ? values.ToString() : null;
}
