using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The only code in the module that speaks HTTP: our own ARM requests on an Azure.Core pipeline (bearer token,
/// retries with Retry-After, redacted logging), with long-running operations polled here so progress and request
/// counts stay in our hands.
/// </summary>
public sealed class ArmGateway : IArmGateway, IDisposable
{
    private const string ScopeLockedCode = "ScopeLocked";

    private readonly HttpPipeline _pipeline;
    private readonly ArmGatewayOptions _options;
    private readonly Uri _baseUri;
    private readonly HttpPipelineTransport? _ownedTransport;
    private readonly ArmRetryPolicy _retryPolicy;
    private readonly ArmOperationPoller _poller;

    // Resources this gateway created that no read has found yet: a 404 on them may be ARM's replication lag.
    private readonly ConcurrentDictionary<string, bool> _createdNotYetRead = new(StringComparer.OrdinalIgnoreCase);

    public ArmGateway(ArmGatewayOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Credential is null)
        {
            throw new ArgumentException("A credential is required.", nameof(options));
        }

        if (!options.ResourceManagerUrl.IsAbsoluteUri || options.ResourceManagerUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Resource Manager URL '{options.ResourceManagerUrl}' must be an absolute https:// URL: bearer tokens are only sent over TLS.", nameof(options));
        }

        _baseUri = options.ResourceManagerUrl;
        _ownedTransport = options.Transport is null ? CertificatePinning.CreateTransport(options.PinnedCertificateThumbprint) : null;
        _retryPolicy = new ArmRetryPolicy(options.MaxRetries, options.RetryDelay, options.MaxRetryDelay, options.Delay);
        _poller = new ArmOperationPoller(
            options,
            (uri, cancellationToken) => SendAsync(RequestMethod.Get, uri, null, ArmRequestKind.Poll, cancellationToken),
            (id, uri, cancellationToken) => ReadResourceAsync(id, uri, ArmRequestKind.Poll, cancellationToken),
            ServerUri);
        var clientOptions = new ArmGatewayClientOptions
        {
            RetryPolicy = _retryPolicy,
            Transport = options.Transport ?? _ownedTransport!,
        };
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Diagnostics.ApplicationId = "RedisPrivateLink";

        var scope = options.Scope ?? options.ResourceManagerUrl.GetLeftPart(UriPartial.Authority) + "/.default";
        _pipeline = HttpPipelineBuilder.Build(
            clientOptions,
            Array.Empty<HttpPipelinePolicy>(),
            PerAttemptPolicies(options.Credential, scope, options),
            new ResponseClassifier());
    }

    public ArmRequestCounters Counters { get; } = new();

    // Pacing comes before diagnostics, so the verbose line's duration is the request's own.
    private HttpPipelinePolicy[] PerAttemptPolicies(TokenCredential credential, string scope, ArmGatewayOptions options)
    {
        var authentication = new BearerTokenAuthenticationPolicy(credential, scope);
        var diagnostics = new ArmDiagnosticsPolicy(Counters);
        var stopwatch = Stopwatch.StartNew();
        var resourceGraphQuota = new ResourceGraphQuotaPolicy(() => stopwatch.Elapsed, options.Delay);
        if (options.RateLimits is null)
        {
            return new HttpPipelinePolicy[] { authentication, resourceGraphQuota, diagnostics };
        }

        var limiter = new ArmRateLimiter(options.RateLimits, () => stopwatch.Elapsed, options.Delay);
        return new HttpPipelinePolicy[] { authentication, new ArmRateLimitPolicy(limiter), resourceGraphQuota, diagnostics };
    }

    /// <summary>Releases the HTTP connections of a transport the gateway created (an injected one stays its owner's).</summary>
    public void Dispose() => (_ownedTransport as IDisposable)?.Dispose();

    public async Task<T?> GetAsync<T>(ResourceId id, CancellationToken cancellationToken = default)
        where T : class
    {
        var response = await ReadResourceAsync(id, ResourceUri(id.ToString()), ArmRequestKind.Read, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        EnsureSuccess(response, "GET", id.ToString());
        return response.ReadAs<T>();
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string collectionPath, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await ForEachPageAsync<T>(collectionPath, (page, _) =>
        {
            items.AddRange(page);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return items;
    }

    public async Task ForEachPageAsync<T>(string collectionPath, Func<IReadOnlyList<T>, CancellationToken, Task> onPage, CancellationToken cancellationToken = default)
    {
        Uri? next = ResourceUri(collectionPath);
        while (next is not null)
        {
            var response = await SendAsync(RequestMethod.Get, next, null, ArmRequestKind.Read, cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response, "GET", collectionPath);
            var page = response.ReadAs<ArmPage<T>>();
            await onPage(page?.Value?.ToList() ?? new List<T>(), cancellationToken).ConfigureAwait(false);
            next = string.IsNullOrEmpty(page?.NextLink) ? null : ServerUri(page!.NextLink!);
        }
    }

    public async Task<T> PutAsync<T>(ResourceId id, T resource, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class
    {
        var uri = ResourceUri(id.ToString());
        for (var resend = 1; ; resend++)
        {
            var response = await SendWriteAsync(RequestMethod.Put, uri, resource, ArmRequestKind.Write, id.ToString(), cancellationToken).ConfigureAwait(false);
            EnsureSuccess(response, "PUT", id.ToString());
            if (response.Status is 201 or 202)
            {
                // 201 is a create; Private DNS answers 202 to both, and a needless mark only costs nothing until the first read clears it.
                _createdNotYetRead[id.ToString()] = true;
            }

            try
            {
                return await CompleteWriteAsync<T>("PUT", id, uri, response, waitForCompletion, cancellationToken).ConfigureAwait(false);
            }
            catch (ArmException failed) when (ArmRetryRules.IsRetryableOperationFailure(failed) && resend <= _options.MaxRetryableFailureResends)
            {
                // A PUT is idempotent, and the operation said the same request may succeed once what it refers to settles.
                var delay = _retryPolicy.Backoff(resend);
                var reason = failed.Details.FirstOrDefault()?.Code ?? failed.Code;
                OperationReporter.Current.Verbose(
                    $"Sending PUT {id} again in {delay.TotalSeconds:0.#} s: its operation ended Failed with {failed.Code} ({reason}) (resend {resend} of {_options.MaxRetryableFailureResends}).");
                await _options.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<T> PatchAsync<T>(ResourceId id, object patch, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class
    {
        var uri = ResourceUri(id.ToString());
        var response = await SendWriteAsync(RequestMethod.Patch, uri, patch, ArmRequestKind.Write, id.ToString(), cancellationToken).ConfigureAwait(false);
        return await CompleteWriteAsync<T>("PATCH", id, uri, response, waitForCompletion, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(ResourceId id, bool waitForCompletion = true, CancellationToken cancellationToken = default)
    {
        // A 404 after our own delete is the truth, not replication lag.
        _createdNotYetRead.TryRemove(id.ToString(), out _);
        var response = await SendWriteAsync(RequestMethod.Delete, ResourceUri(id.ToString()), null, ArmRequestKind.Delete, id.ToString(), cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return false;
        }

        EnsureSuccess(response, "DELETE", id.ToString());
        if (waitForCompletion && response.Status is 201 or 202)
        {
            await _poller.WaitForOperationAsync("DELETE", id, response, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<ArmResponse> PostActionAsync(string actionPath, object? body, bool waitForCompletion = true, CancellationToken cancellationToken = default)
    {
        var response = await SendWriteAsync(RequestMethod.Post, ResourceUri(actionPath), body, ArmRequestKind.Write, actionPath, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "POST", actionPath);
        if (!waitForCompletion || response.Status != 202)
        {
            return response;
        }

        var scope = ResourceId.TryParse(ScopeOf(actionPath), out var id) ? id! : null;
        return await _poller.WaitForOperationAsync("POST", scope, response, cancellationToken).ConfigureAwait(false) ?? response;
    }

    public Task<ArmResponse> SendAsync(ArmRequest request, CancellationToken cancellationToken = default)
    {
        var kind = request.Method == RequestMethod.Get ? ArmRequestKind.Read
            : request.Method == RequestMethod.Delete ? ArmRequestKind.Delete
            : ArmRequestKind.Write;
        return SendAsync(request.Method, ResourceUri(request.Path, request.ApiVersion), request.Body, kind, cancellationToken);
    }

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        ListAsync<Subscription>("/subscriptions", cancellationToken);

    public Task<Subscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        GetAsync<Subscription>(ResourceId.ForSubscription(subscriptionId), cancellationToken);

    /// <summary>The ARM URL of <paramref name="path"/>, each segment escaped, with the pinned (or given) api-version.</summary>
    internal Uri ResourceUri(string path, string? apiVersion = null)
    {
        ValidatePath(path);
        var escaped = string.Join("/", path.Trim('/').Split('/').Select(Uri.EscapeDataString));
        var version = apiVersion ?? ApiVersions.ForPath(path);
        return new Uri(_baseUri, "/" + escaped + "?api-version=" + Uri.EscapeDataString(version));
    }

    private static void ValidatePath(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path[0] != '/')
        {
            throw new ArgumentException($"'{path}' is not an ARM path: it must start with '/'.", nameof(path));
        }

        foreach (var segment in path.Trim('/').Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment.IndexOfAny(new[] { '?', '#', '%', '\\' }) >= 0 || segment.Any(char.IsControl))
            {
                throw new ArgumentException($"'{path}' is not a valid ARM path: empty, '.' or '..' segments and the characters ? # % \\ are not allowed.", nameof(path));
            }
        }
    }

    /// <summary>The resource an action path acts on: the path without its last segment.</summary>
    private static string ScopeOf(string actionPath) => actionPath.Substring(0, Math.Max(actionPath.TrimEnd('/').LastIndexOf('/'), 0));

    private async Task<T> CompleteWriteAsync<T>(string method, ResourceId id, Uri uri, ArmResponse response, bool waitForCompletion, CancellationToken cancellationToken)
        where T : class
    {
        EnsureSuccess(response, method, id.ToString());
        if (waitForCompletion)
        {
            if (ArmOperationPoller.NamesOperation(response))
            {
                await _poller.WaitForOperationAsync(method, id, response, cancellationToken).ConfigureAwait(false);
                return await ReadFinalAsync<T>(id, uri, cancellationToken).ConfigureAwait(false);
            }

            if (ArmOperationPoller.IsProvisioning(response))
            {
                return await _poller.PollResourceAsync<T>(method, id, uri, response, cancellationToken).ConfigureAwait(false);
            }
        }

        var hasBody = !string.IsNullOrWhiteSpace(response.Content) && response.Content.Trim() != "{}";
        if (hasBody)
        {
            return response.ReadAs<T>()!;
        }

        if (waitForCompletion)
        {
            return await ReadFinalAsync<T>(id, uri, cancellationToken).ConfigureAwait(false);
        }

        // Accepted without a body (Private DNS answers 202 {}): the resource may not be readable yet, so describe it from its id.
        var accepted = ArmJson.Deserialize<T>("{}")!;
        if (accepted is ArmResource resource)
        {
            resource.Id = id.ToString();
            resource.Name = id.Name;
            resource.Type = id.ResourceType;
        }

        return accepted;
    }

    private async Task<T> ReadFinalAsync<T>(ResourceId id, Uri uri, CancellationToken cancellationToken)
    {
        var response = await ReadResourceAsync(id, uri, ArmRequestKind.Read, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(response, "GET", id.ToString());
        return response.ReadAs<T>()!;
    }

    /// <summary>
    /// GETs a resource. A 404 on one this gateway created and no read has found yet is read again, one poll interval
    /// apart, a bounded number of times: ARM may not have replicated it to the region serving the read. Any answer but
    /// 404, or the last 404, ends that grace, so later reads report a missing resource at once.
    /// </summary>
    private async Task<ArmResponse> ReadResourceAsync(ResourceId id, Uri uri, ArmRequestKind kind, CancellationToken cancellationToken)
    {
        var key = id.ToString();
        var response = await SendAsync(RequestMethod.Get, uri, null, kind, cancellationToken).ConfigureAwait(false);
        for (var reread = 1; response.Status == 404 && reread <= _options.MaxNotFoundAfterCreateReads && _createdNotYetRead.ContainsKey(key); reread++)
        {
            var delay = _poller.DefaultPollDelay(id);
            OperationReporter.Current.Verbose(
                $"GET {id} answered 404 though this run created it; ARM may not have replicated it yet. Reading again in {delay.TotalSeconds:0.#} s ({reread} of {_options.MaxNotFoundAfterCreateReads}).");
            await _options.Delay(delay, cancellationToken).ConfigureAwait(false);
            response = await SendAsync(RequestMethod.Get, uri, null, kind, cancellationToken).ConfigureAwait(false);
        }

        _createdNotYetRead.TryRemove(key, out _);
        return response;
    }

    public Task WaitToPollAgainAsync(ResourceId id, CancellationToken cancellationToken = default) =>
        _options.Delay(_poller.DefaultPollDelay(id), cancellationToken);

    /// <summary>A URL ARM handed us (nextLink, Azure-AsyncOperation, Location), kept exactly as given but only on ARM's own host, so the token never leaves it.</summary>
    private Uri ServerUri(string url)
    {
        var uri = new Uri(_baseUri, url);
        if (!string.Equals(uri.Scheme, _baseUri.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, _baseUri.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != _baseUri.Port)
        {
            throw new ArmException(0, new ArmError { Code = "UntrustedOperationUrl", Message = $"ARM pointed to '{uri.GetLeftPart(UriPartial.Authority)}', which is not the Resource Manager endpoint '{_baseUri.GetLeftPart(UriPartial.Authority)}'; the request was not sent." }, "GET", SecretRedactor.DescribeUri(uri), null, null);
        }

        return uri;
    }

    private async Task<ArmResponse> SendAsync(RequestMethod method, Uri uri, object? body, ArmRequestKind kind, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("Accept", "application/json");
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), ArmJson.Options));
        }

        message.SetProperty(ArmDiagnosticsPolicy.KindProperty, kind);
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && TransportFailures.Explain(ex, method.Method, uri, pinned: _options.PinnedCertificateThumbprint is not null) is { } explained)
        {
            throw explained;
        }

        var response = message.Response;
        return new ArmResponse(response.Status, response.Content.ToString(), response.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)));
    }

    /// <summary>
    /// Sends a write, with the two refusals every write may meet handled here, in one place, whatever the workflow:
    /// MissingSubscriptionRegistration (a subscription that never used the namespace) registers the namespace and
    /// sends the write once more, the safety net behind the workflows' own registration steps (a provider they could
    /// not read, or one unregistered since); ScopeLocked (a management lock) becomes ResourceLocked with advice, and
    /// is never sent again, since only the lock's removal changes the answer.
    /// </summary>
    private async Task<ArmResponse> SendWriteAsync(RequestMethod method, Uri uri, object? body, ArmRequestKind kind, string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync(method, uri, body, kind, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess && !IsRegistration(path) && SubscriptionOf(path) is { } subscriptionId
            && ResourceProviderRegistration.MissingNamespace(ReadError(response)) is { } providerNamespace)
        {
            OperationReporter.Current.Verbose($"ARM refused {method.Method} {path}: the subscription is not registered for '{providerNamespace}'. Registering it, then sending the request once more.");
            await ResourceProviderRegistration.RegisterAsync(this, subscriptionId, providerNamespace, cancellationToken).ConfigureAwait(false);
            response = await SendAsync(method, uri, body, kind, cancellationToken).ConfigureAwait(false);
        }

        if (!response.IsSuccess && ReadError(response) is { Code: ScopeLockedCode } locked)
        {
            var armError = new ArmException(response.Status, locked, method.Method, path, response.CorrelationId, response.RequestId);
            throw new RedisPrivateLinkException(ArmErrorIds.ResourceLocked, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"A management lock refused {method.Method} {path}: {locked.Message?.Trim()} Remove the lock (Remove-AzResourceLock, or the portal's Locks page of the scope it names) or ask its owner to, then run the command again; nothing is retried while it is there.",
                path, armError);
        }

        if (!response.IsSuccess && ReadError(response) is { Code: PolicyViolation.DeniedCode } denied)
        {
            var armError = new ArmException(response.Status, denied, method.Method, path, response.CorrelationId, response.RequestId);
            throw PolicyViolation.Refusal($"{method.Method} {path}", PolicyViolation.FromError(denied), denied.Message, path, armError);
        }

        return response;
    }

    private static bool IsRegistration(string path) => path.TrimEnd('/').EndsWith("/register", StringComparison.OrdinalIgnoreCase);

    private static string? SubscriptionOf(string path)
    {
        var segments = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? segments[1] : null;
    }

    private static ArmError? ReadError(ArmResponse response)
    {
        try
        {
            return response.ReadAs<ArmErrorResponse>()?.Error;
        }
        catch (JsonException)
        {
            // Not an ARM error body (a gateway or proxy page).
            return null;
        }
    }

    /// <summary>Throws the <see cref="ArmException"/> an unsuccessful answer stands for (its ARM error code, status and ids).</summary>
    internal static void EnsureSuccess(ArmResponse response, string method, string path)
    {
        if (response.IsSuccess)
        {
            return;
        }

        // Without an ARM error body (a gateway or proxy page) the status alone describes the failure.
        throw new ArmException(response.Status, ReadError(response), method, path, response.CorrelationId, response.RequestId);
    }
}
