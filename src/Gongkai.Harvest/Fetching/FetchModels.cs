using Gongkai.Harvest.Portals;

namespace Gongkai.Harvest.Fetching;

/// <summary>One page or file to fetch for a portal, with the validators from its last fetch.</summary>
/// <param name="Url">The URL to fetch.</param>
/// <param name="Portal">The portal the fetch belongs to: its hosts, politeness and network rules apply.</param>
public sealed record FetchRequest(Uri Url, PortalDefinition Portal)
{
    /// <summary>The stored <c>ETag</c>, sent as <c>If-None-Match</c>.</summary>
    public string? ETag { get; init; }

    /// <summary>The stored <c>Last-Modified</c>, sent as <c>If-Modified-Since</c>.</summary>
    public string? LastModified { get; init; }

    /// <summary>
    /// An <c>application/x-www-form-urlencoded</c> body, already encoded: when set the request is a POST (data proxies such
    /// as Hanweb's jpage answer POSTs). Redirects with 301/302/303 continue as GETs, as browsers do; 307/308 keep the POST.
    /// </summary>
    public string? FormBody { get; init; }
}

/// <summary>How a fetch ended.</summary>
public enum FetchOutcome
{
    /// <summary>2xx with a body.</summary>
    Fetched,

    /// <summary>304: the stored copy is current.</summary>
    NotModified,

    /// <summary>robots.txt disallows the URL; nothing was requested.</summary>
    Disallowed,

    /// <summary>Anything else; see <see cref="FetchResult.Failure"/>.</summary>
    Failed,
}

/// <summary>Why a fetch failed; stable names used in failure rows and metrics.</summary>
public enum FetchFailure
{
    /// <summary>No failure.</summary>
    None,

    /// <summary>The server answered with an error status (after retries for transient ones).</summary>
    HttpStatus,

    /// <summary>No complete answer within the per-request timeout (after retries).</summary>
    Timeout,

    /// <summary>The body was larger than the limit; it was cut off and dropped.</summary>
    BodyTooLarge,

    /// <summary>More redirects than allowed, or a redirect loop.</summary>
    TooManyRedirects,

    /// <summary>A redirect to a scheme other than http/https or to a host the portal does not allow.</summary>
    RedirectRefused,

    /// <summary>The host is (or resolves to) a private, loopback or link-local address the configuration does not allow.</summary>
    AddressRefused,

    /// <summary>The host's circuit breaker is open after repeated failures.</summary>
    CircuitOpen,

    /// <summary>Connection-level failure (refused, reset, DNS).</summary>
    Network,

    /// <summary>The URL itself is not fetchable (scheme, host not allowed).</summary>
    UrlRefused,
}

/// <summary>The result of a fetch: the bytes exactly as served, with the response headers that matter.</summary>
public sealed record FetchResult
{
    /// <summary>How the fetch ended.</summary>
    public required FetchOutcome Outcome { get; init; }

    /// <summary>The URL asked for.</summary>
    public required Uri RequestedUrl { get; init; }

    /// <summary>The URL that answered, after redirects.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>The last HTTP status, when a response arrived.</summary>
    public int? Status { get; init; }

    /// <summary>The body, byte for byte (transfer encodings such as gzip removed); empty unless fetched.</summary>
    public byte[] Body { get; init; } = [];

    /// <summary>The <c>Content-Type</c> header as served (it may lie about the charset).</summary>
    public string? ContentType { get; init; }

    /// <summary>The <c>ETag</c> header.</summary>
    public string? ETag { get; init; }

    /// <summary>The <c>Last-Modified</c> header, as sent.</summary>
    public string? LastModified { get; init; }

    /// <summary>Why it failed.</summary>
    public FetchFailure Failure { get; init; }

    /// <summary>A one-line reason for operators (never a body).</summary>
    public string? Error { get; init; }

    /// <summary>HTTP attempts made, retries included.</summary>
    public int Attempts { get; init; }

    /// <summary>When the answer arrived.</summary>
    public DateTimeOffset FetchedAt { get; init; }

    /// <summary>Wall time, politeness waits and retries included.</summary>
    public TimeSpan Duration { get; init; }
}
