using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gongkai.Harvest.Fetching;

/// <summary>
/// Fetches pages politely and defensively: robots.txt, per-host turns, a resilience pipeline (per-attempt timeout,
/// jittered retries honouring Retry-After, a per-host circuit breaker), conditional GET, a body-size cap, and redirects
/// followed by hand so every hop's scheme, host and address are checked.
/// </summary>
public sealed class PageFetcher
{
    /// <summary>The named HttpClient for portals restricted to public addresses.</summary>
    public const string PublicClientName = "Gongkai.Harvest";

    /// <summary>The named HttpClient for portals explicitly allowed to reach private networks.</summary>
    public const string PrivateClientName = "Gongkai.Harvest.Private";

    private static readonly HashSet<int> TransientStatuses = [408, 429, 500, 502, 503, 504];

    private readonly IHttpClientFactory _clients;
    private readonly HarvestOptions _options;
    private readonly HostPoliteness _politeness;
    private readonly HarvestTelemetry _telemetry;
    private readonly ILogger<PageFetcher> _logger;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ResiliencePipeline<Attempt>> _pipelines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<CachedRobots>>> _robots = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<IPNetwork> _globalPrivateRanges;
    private readonly ResiliencePipeline _timeout;

    /// <summary>Creates the fetcher.</summary>
    public PageFetcher(IHttpClientFactory clients, IOptions<HarvestOptions> options, HostPoliteness politeness, HarvestTelemetry telemetry, ILogger<PageFetcher> logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _options = options.Value;
        _politeness = politeness;
        _telemetry = telemetry;
        _logger = logger;
        _time = time;
        _globalPrivateRanges = _options.AllowedPrivateNetworks.Select(IPNetwork.Parse).ToList();
        _timeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(_options.RequestTimeout).Build();
    }

    /// <summary>The robots.txt product token.</summary>
    public const string RobotsToken = "gongkai";

    /// <summary>Fetches <paramref name="request"/>; never throws for network or server trouble, only for cancellation.</summary>
    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var portal = request.Portal;
        var url = request.Url;
        var started = _time.GetTimestamp();
        using var activity = _telemetry.ActivitySource.StartActivity("gongkai.harvest.fetch", ActivityKind.Client);
        // An HTTP client span in OpenTelemetry's conventions, so Application Insights shows it as an HTTP dependency with
        // its URL, host and final status; the HTTP attempts inside it (retries, robots.txt) are its children.
        activity?.SetTag("gongkai.portal", portal.Id);
        activity?.SetTag("http.request.method", "GET");
        activity?.SetTag("url.full", url.AbsoluteUri);
        activity?.SetTag("server.address", url.Host);

        var refused = CheckUrl(url, portal, AddressPolicyFor(portal));
        FetchResult result;
        if (refused is not null)
        {
            result = Failed(url, url, refused.Value.Failure, refused.Value.Reason, null, 0);
        }
        else
        {
            var robots = await RobotsForAsync(url, portal, cancellationToken).ConfigureAwait(false);
            if (robots.Fetch.Failure is FetchFailure.AddressRefused or FetchFailure.UrlRefused)
            {
                // The host itself is off limits; say so rather than blaming its robots.txt.
                result = Failed(url, url, robots.Fetch.Failure, robots.Fetch.Error, null, 0);
            }
            else if (!robots.Rules.IsAllowed(url.PathAndQuery))
            {
                HarvestLog.RobotsDisallowed(_logger, portal.Id, url.AbsoluteUri);
                result = robots.Fetch.Outcome == FetchOutcome.Failed
                    ? new FetchResult
                    {
                        Outcome = FetchOutcome.Disallowed, RequestedUrl = url, FinalUrl = url, Failure = robots.Fetch.Failure, Status = robots.Fetch.Status,
                        Attempts = robots.Fetch.Attempts, FetchedAt = _time.GetUtcNow(),
                        Error = $"robots.txt of {PortalDefinition.HostKey(url)} is unreachable ({robots.Fetch.Error}); the host counts as disallowed until it answers",
                    }
                    : new FetchResult { Outcome = FetchOutcome.Disallowed, RequestedUrl = url, FinalUrl = url, Error = "disallowed by robots.txt", FetchedAt = _time.GetUtcNow() };
            }
            else
            {
                result = await FetchCoreAsync(request, robots.Rules.CrawlDelay, cancellationToken).ConfigureAwait(false);
            }
        }

        result = result with { Duration = _time.GetElapsedTime(started) };
        activity?.SetTag("http.response.status_code", result.Status);
        activity?.SetTag("gongkai.fetch.outcome", result.Outcome.ToString());
        if (result.Outcome == FetchOutcome.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Failure.ToString());
            HarvestLog.FetchFailed(_logger, portal.Id, url.AbsoluteUri, result.Failure.ToString(), result.Status, result.Attempts, (long)result.Duration.TotalMilliseconds, result.Error);
        }
        else
        {
            HarvestLog.Fetched(_logger, portal.Id, url.AbsoluteUri, result.Status, (long)result.Duration.TotalMilliseconds, result.Body.Length, result.Attempts);
        }

        _telemetry.PageFetched(portal.Id, result.Outcome.ToString(), result.Status, result.Body.Length, result.Duration);
        return result;
    }

    private async Task<FetchResult> FetchCoreAsync(FetchRequest request, TimeSpan? crawlDelay, CancellationToken cancellationToken)
    {
        var portal = request.Portal;
        var hostKey = PortalDefinition.HostKey(request.Url);
        var pipeline = _pipelines.GetOrAdd(hostKey, _ => BuildPipeline());
        var state = new AttemptState(request, crawlDelay);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(StateKey, state);
        try
        {
            var attempt = await pipeline.ExecuteAsync(
                static (ctx, fetcher) => fetcher.AttemptAsync(ctx.Properties.GetValue(StateKey, null!), ctx.CancellationToken),
                context,
                this).ConfigureAwait(false);
            return ToResult(request.Url, attempt, state.Attempts);
        }
        catch (TimeoutRejectedException)
        {
            return Failed(request.Url, state.LastUrl, FetchFailure.Timeout, $"no complete answer within {_options.RequestTimeout.TotalSeconds:0.###} s", null, state.Attempts);
        }
        catch (BrokenCircuitException)
        {
            return Failed(request.Url, state.LastUrl, FetchFailure.CircuitOpen, $"circuit open for {hostKey} after repeated failures", null, state.Attempts);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            var refusedAddress = FindInner<AddressRefusedException>(e);
            return refusedAddress is not null
                ? Failed(request.Url, state.LastUrl, FetchFailure.AddressRefused, refusedAddress.Message, null, state.Attempts)
                : Failed(request.Url, state.LastUrl, FetchFailure.Network, OneLine(e), null, state.Attempts);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(request.Url, state.LastUrl, FetchFailure.Network, OneLine(e), null, state.Attempts);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(request.Url, state.LastUrl, FetchFailure.Timeout, $"no complete answer within {_options.RequestTimeout.TotalSeconds:0.###} s", null, state.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static readonly ResiliencePropertyKey<AttemptState> StateKey = new("Gongkai.FetchState");

    private ResiliencePipeline<Attempt> BuildPipeline()
    {
        var transient = new PredicateBuilder<Attempt>()
            .Handle<TimeoutRejectedException>()
            .Handle<HttpRequestException>(e => FindInner<AddressRefusedException>(e) is null)
            .Handle<IOException>()
            .HandleResult(a => a.Status is int s && TransientStatuses.Contains(s));

        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryAfter,
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter is { } after
                    ? (after > _options.MaxRetryAfter ? _options.MaxRetryAfter : after)
                    : null),
                OnRetry = args =>
                {
                    var state = args.Context.Properties.GetValue(StateKey, null!);
                    HarvestLog.Retrying(_logger, state.Request.Portal.Id, state.Request.Url.AbsoluteUri, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, args.Outcome.Result?.Status);
                    return ValueTask.CompletedTask;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<Attempt>
        {
            ShouldHandle = transient,
            FailureRatio = _options.CircuitFailureRatio,
            MinimumThroughput = _options.CircuitMinimumThroughput,
            SamplingDuration = _options.CircuitSamplingDuration,
            BreakDuration = _options.CircuitBreakDuration,
        });
        return builder.Build();
    }

    private async ValueTask<Attempt> AttemptAsync(AttemptState state, CancellationToken cancellationToken)
    {
        state.Attempts++;
        var request = state.Request;
        var portal = request.Portal;
        var policy = AddressPolicyFor(portal);
        var client = _clients.CreateClient(policy.AllowPrivateNetworks ? PrivateClientName : PublicClientName);
        var url = request.Url;
        var form = request.FormBody;
        var visited = new HashSet<Uri> { url };
        for (var hop = 0; ; hop++)
        {
            state.LastUrl = url;
            if (hop > 0)
            {
                var refused = CheckUrl(url, portal, policy);
                if (refused is not null)
                {
                    return Attempt.Refused(url, refused.Value.Failure == FetchFailure.UrlRefused ? FetchFailure.RedirectRefused : refused.Value.Failure, "redirect refused: " + refused.Value.Reason);
                }

                var robots = await RobotsForAsync(url, portal, cancellationToken).ConfigureAwait(false);
                if (!robots.Rules.IsAllowed(url.PathAndQuery))
                {
                    return Attempt.Refused(url, FetchFailure.RedirectRefused, $"redirect to {url.AbsoluteUri}, which robots.txt disallows");
                }
            }

            var turnDelay = TurnDelay(portal, state.CrawlDelay);
            Attempt attempt;
            // The turn is waited for outside the timeout: queueing politely for a host is not the host being slow.
            using (await _politeness.EnterAsync(PortalDefinition.HostKey(url), portal.Concurrency ?? _options.PerHostConcurrency, turnDelay, cancellationToken).ConfigureAwait(false))
            {
                attempt = await _timeout.ExecuteAsync(
                    static (ctx, ct) => ctx.Fetcher.SendAsync(ctx.Client, ctx.Url, ctx.Policy, ctx.Request, ctx.Form, ct),
                    new HopContext(this, client, url, policy, request, form),
                    cancellationToken).ConfigureAwait(false);
            }

            if (attempt.Location is not { } location)
            {
                return attempt;
            }

            if (hop >= _options.MaxRedirects)
            {
                return Attempt.Refused(url, FetchFailure.TooManyRedirects, $"more than {_options.MaxRedirects} redirects", attempt.Status);
            }

            var next = new Uri(url, location);
            if (!string.IsNullOrEmpty(next.Fragment))
            {
                next = new UriBuilder(next) { Fragment = string.Empty }.Uri;
            }

            if (!visited.Add(next))
            {
                return Attempt.Refused(url, FetchFailure.TooManyRedirects, $"redirect loop at {next.AbsoluteUri}", attempt.Status);
            }

            url = next;
            if (attempt.Status is not (307 or 308))
            {
                form = null;
            }
        }
    }

    private async ValueTask<Attempt> SendAsync(HttpClient client, Uri url, AddressPolicy policy, FetchRequest request, string? form, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, url);
        if (form is not null)
        {
            // The form is sent as the browser's script sends it: already percent-encoded, without a charset parameter.
            message.Content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(form));
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        message.Options.Set(GuardedConnector.PolicyKey, policy);
        if (request.ETag is { Length: > 0 } etag)
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (request.LastModified is { Length: > 0 } lastModified)
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
        }

        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400 && status != 304 && response.Headers.Location is { } location)
        {
            return new Attempt { FinalUrl = url, Status = status, Location = location };
        }

        var attempt = new Attempt
        {
            FinalUrl = url,
            Status = status,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.TryGetValues("Last-Modified", out var lm) ? lm.FirstOrDefault() : null,
            RetryAfter = RetryAfter(response.Headers.RetryAfter),
            FetchedAt = _time.GetUtcNow(),
        };

        if (status is < 200 or >= 300)
        {
            return attempt;
        }

        var length = response.Content.Headers.ContentLength;
        if (length > _options.MaxBodyBytes)
        {
            return attempt with { Failure = FetchFailure.BodyTooLarge, Error = $"body of {length} bytes exceeds the {_options.MaxBodyBytes}-byte limit" };
        }

        var body = await ReadLimitedAsync(response.Content, _options.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        return body is null
            ? attempt with { Failure = FetchFailure.BodyTooLarge, Error = $"body exceeds the {_options.MaxBodyBytes}-byte limit; stopped reading" }
            : attempt with { Body = body };
    }

    private sealed record HopContext(PageFetcher Fetcher, HttpClient Client, Uri Url, AddressPolicy Policy, FetchRequest Request, string? Form);

    private TimeSpan TurnDelay(PortalDefinition portal, TimeSpan? crawlDelay)
    {
        var delay = portal.Delay ?? _options.PerHostDelay;
        if (crawlDelay is { } cd)
        {
            var capped = cd > _options.MaxCrawlDelay ? _options.MaxCrawlDelay : cd;
            if (capped > delay)
            {
                delay = capped;
            }
        }

        return delay;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return null;
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return buffer.ToArray();
        }
    }

    private FetchResult ToResult(Uri requested, Attempt attempt, int attempts)
    {
        if (attempt.Failure != FetchFailure.None)
        {
            return Failed(requested, attempt.FinalUrl, attempt.Failure, attempt.Error, attempt.Status, attempts);
        }

        if (attempt.Status == 304)
        {
            return new FetchResult
            {
                Outcome = FetchOutcome.NotModified, RequestedUrl = requested, FinalUrl = attempt.FinalUrl, Status = 304, ETag = attempt.ETag,
                LastModified = attempt.LastModified, ContentType = attempt.ContentType, Attempts = attempts, FetchedAt = attempt.FetchedAt,
            };
        }

        if (attempt.Status is >= 200 and < 300)
        {
            return new FetchResult
            {
                Outcome = FetchOutcome.Fetched, RequestedUrl = requested, FinalUrl = attempt.FinalUrl, Status = attempt.Status, Body = attempt.Body,
                ContentType = attempt.ContentType, ETag = attempt.ETag, LastModified = attempt.LastModified, Attempts = attempts, FetchedAt = attempt.FetchedAt,
            };
        }

        var reason = attempt.Status is int s && TransientStatuses.Contains(s) && attempts > 1
            ? $"HTTP {attempt.Status} after {attempts} attempts"
            : $"HTTP {attempt.Status}";
        return Failed(requested, attempt.FinalUrl, FetchFailure.HttpStatus, reason, attempt.Status, attempts);
    }

    private FetchResult Failed(Uri requested, Uri final, FetchFailure failure, string? error, int? status, int attempts) => new()
    {
        Outcome = FetchOutcome.Failed,
        RequestedUrl = requested,
        FinalUrl = final,
        Failure = failure,
        Error = error,
        Status = status,
        Attempts = attempts,
        FetchedAt = _time.GetUtcNow(),
    };

    private AddressPolicy AddressPolicyFor(PortalDefinition portal)
    {
        var allow = _options.AllowPrivateNetworks || portal.AllowPrivateNetworks;
        if (!allow)
        {
            return AddressPolicy.PublicOnly;
        }

        return new AddressPolicy(true, portal.AllowedPrivateNetworks.Count > 0 ? portal.AllowedPrivateNetworks : _globalPrivateRanges);
    }

    private static (FetchFailure Failure, string Reason)? CheckUrl(Uri url, PortalDefinition portal, AddressPolicy policy)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return (FetchFailure.UrlRefused, $"{url} is not an http or https URL");
        }

        if (!portal.IsAllowedHost(url))
        {
            return (FetchFailure.UrlRefused, $"host {PortalDefinition.HostKey(url)} is not an allowed host of portal {portal.Id}");
        }

        // A literal address is checked before any connection is attempted; names are checked when they resolve.
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && !policy.Allows(literal))
        {
            return (FetchFailure.AddressRefused, $"{literal} is a non-public address, which the configuration does not allow");
        }

        return null;
    }

    private async Task<CachedRobots> RobotsForAsync(Uri url, PortalDefinition portal, CancellationToken cancellationToken)
    {
        var origin = url.GetLeftPart(UriPartial.Authority);
        while (true)
        {
            var lazy = _robots.GetOrAdd(origin, o => new Lazy<Task<CachedRobots>>(() => LoadRobotsAsync(new Uri(new Uri(o), "/robots.txt"), portal)));
            CachedRobots robots;
            try
            {
                robots = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _robots.TryRemove(new KeyValuePair<string, Lazy<Task<CachedRobots>>>(origin, lazy));
                continue;
            }

            if (robots.Expires > _time.GetUtcNow())
            {
                return robots;
            }

            _robots.TryRemove(new KeyValuePair<string, Lazy<Task<CachedRobots>>>(origin, lazy));
        }
    }

    // Not tied to one caller's token: the cached answer serves every fetch for the host.
    private async Task<CachedRobots> LoadRobotsAsync(Uri robotsUrl, PortalDefinition portal)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout * (_options.MaxRetries + 2) + _options.MaxRetryAfter);
        FetchResult result;
        try
        {
            result = await FetchCoreAsync(new FetchRequest(robotsUrl, portal), null, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            result = Failed(robotsUrl, robotsUrl, FetchFailure.Timeout, "robots.txt did not arrive in time", null, 0);
        }

        RobotsRules rules;
        var ttl = _options.RobotsCacheDuration;
        if (result.Outcome == FetchOutcome.Fetched)
        {
            rules = RobotsRules.Parse(RobotsRules.Decode(result.Body), RobotsToken);
        }
        else if (result.Status is >= 400 and < 500)
        {
            rules = RobotsRules.AllowAll;
        }
        else
        {
            // RFC 9309: an unreachable robots.txt means full disallow; retry it soon rather than for hours.
            rules = RobotsRules.DisallowAll;
            ttl = TimeSpan.FromMinutes(Math.Min(ttl.TotalMinutes, 5));
            _telemetry.Failure(portal.Id, "robots");
        }

        if (rules.CrawlDelay is { } crawlDelay)
        {
            // The robots.txt request itself went out before the delay was known; the next one waits for it.
            _politeness.Defer(PortalDefinition.HostKey(robotsUrl), TurnDelay(portal, crawlDelay));
        }

        HarvestLog.RobotsRead(_logger, PortalDefinition.HostKey(robotsUrl), result.Status, (long)(rules.CrawlDelay?.TotalMilliseconds ?? 0));
        return new CachedRobots(rules, _time.GetUtcNow() + ttl, result);
    }

    /// <summary>The robots.txt answer for a URL's origin as the fetcher last read it (fetching it if needed).</summary>
    public async Task<FetchResult?> RobotsFetchAsync(Uri url, PortalDefinition portal, CancellationToken cancellationToken) =>
        (await RobotsForAsync(url, portal, cancellationToken).ConfigureAwait(false)).Fetch;

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is T t)
            {
                return t;
            }
        }

        return null;
    }

    private static string OneLine(Exception e)
    {
        var message = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
        return message.ReplaceLineEndings(" ");
    }

    private sealed record CachedRobots(RobotsRules Rules, DateTimeOffset Expires, FetchResult Fetch);

    private sealed class AttemptState(FetchRequest request, TimeSpan? crawlDelay)
    {
        public FetchRequest Request { get; } = request;

        public TimeSpan? CrawlDelay { get; } = crawlDelay;

        public int Attempts { get; set; }

        public Uri LastUrl { get; set; } = request.Url;
    }

    private sealed record Attempt
    {
        public required Uri FinalUrl { get; init; }

        public int? Status { get; init; }

        public byte[] Body { get; init; } = [];

        public string? ContentType { get; init; }

        public string? ETag { get; init; }

        public string? LastModified { get; init; }

        public TimeSpan? RetryAfter { get; init; }

        public DateTimeOffset FetchedAt { get; init; }

        public FetchFailure Failure { get; init; }

        public string? Error { get; init; }

        public Uri? Location { get; init; }

        public static Attempt Refused(Uri url, FetchFailure failure, string error, int? status = null) =>
            new() { FinalUrl = url, Failure = failure, Error = error, Status = status };
    }
}
