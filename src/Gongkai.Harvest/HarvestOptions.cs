using System.ComponentModel.DataAnnotations;

namespace Gongkai.Harvest;

/// <summary>Harvest settings bound from the configuration section <c>Gongkai:Harvest</c> (env: <c>Gongkai__Harvest__*</c>).</summary>
public sealed class HarvestOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Gongkai:Harvest";

    /// <summary>The portals file; a relative path is resolved against the executable's folder.</summary>
    [Required]
    public string PortalsFile { get; set; } = "portals.json";

    /// <summary>A page where portal operators can reach whoever runs this crawler; sent in the User-Agent.</summary>
    [Required(ErrorMessage = "Gongkai:Harvest:ContactUrl (env Gongkai__Harvest__ContactUrl) is required: portal operators must be able to reach whoever runs the crawler.")]
    public string? ContactUrl { get; set; }

    /// <summary>Time allowed for one HTTP attempt, body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt for timeouts, 5xx, 408 and 429.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of the exponential, jittered retry backoff.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest <c>Retry-After</c> the crawler waits for; longer ones are cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Failure ratio over <see cref="CircuitSamplingDuration"/> that opens a host's circuit.</summary>
    [Range(0.01, 1.0)]
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts a host must see within the sampling window before its circuit can open.</summary>
    [Range(2, 1000)]
    public int CircuitMinimumThroughput { get; set; } = 8;

    /// <summary>The window the circuit breaker samples failures over.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long an open circuit refuses requests to its host.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Concurrent requests per host (portals may override).</summary>
    [Range(1, 64)]
    public int PerHostConcurrency { get; set; } = 1;

    /// <summary>Minimum time between requests to one host (portals may override).</summary>
    public TimeSpan PerHostDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest robots.txt <c>Crawl-delay</c> honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxCrawlDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a host's robots.txt is trusted before it is fetched again.</summary>
    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Fetches one portal run keeps in flight; per-host limits still apply.</summary>
    [Range(1, 256)]
    public int MaxParallelFetches { get; set; } = 4;

    /// <summary>Portals the CLI and the queue handler harvest at the same time.</summary>
    [Range(1, 64)]
    public int MaxParallelPortals { get; set; } = 4;

    /// <summary>Largest body accepted; a longer one is cut off and the fetch fails.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Redirect hops followed (each one checked) before the fetch fails.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Listing pages followed per start URL unless a portal sets its own cap.</summary>
    [Range(1, 10_000)]
    public int MaxListingPages { get; set; } = 50;

    /// <summary>
    /// Lets every portal reach private, loopback and link-local addresses. Off by default: a redirect or a DNS
    /// answer pointing inside the network is refused. Portals can opt in one by one instead.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>When private networks are allowed, narrows them to these CIDR ranges (empty = all of them).</summary>
    public List<string> AllowedPrivateNetworks { get; set; } = [];

    /// <summary>Time after a successful fetch before a page is due again.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(20);

    /// <summary>First wait after a failed fetch; it doubles with each failure in a row.</summary>
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The longest wait after repeated failures.</summary>
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Duration of the per-portal harvest lease (renewed at a third of it while the run lasts).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ContactUrl is not null
            && (!Uri.TryCreate(ContactUrl, UriKind.Absolute, out var contact) || (contact.Scheme != Uri.UriSchemeHttp && contact.Scheme != Uri.UriSchemeHttps && contact.Scheme != "mailto")))
        {
            yield return new ValidationResult($"ContactUrl '{ContactUrl}' must be an absolute http(s) or mailto URL.", [nameof(ContactUrl)]);
        }

        foreach (var (name, value, min) in new[]
                 {
                     (nameof(RequestTimeout), RequestTimeout, TimeSpan.FromMilliseconds(50)),
                     (nameof(RetryBaseDelay), RetryBaseDelay, TimeSpan.Zero),
                     (nameof(MaxRetryAfter), MaxRetryAfter, TimeSpan.Zero),
                     (nameof(CircuitSamplingDuration), CircuitSamplingDuration, TimeSpan.FromMilliseconds(500)),
                     (nameof(CircuitBreakDuration), CircuitBreakDuration, TimeSpan.FromMilliseconds(500)),
                     (nameof(PerHostDelay), PerHostDelay, TimeSpan.Zero),
                     (nameof(MaxCrawlDelay), MaxCrawlDelay, TimeSpan.Zero),
                     (nameof(RobotsCacheDuration), RobotsCacheDuration, TimeSpan.Zero),
                     (nameof(RefreshInterval), RefreshInterval, TimeSpan.Zero),
                     (nameof(FailureBackoff), FailureBackoff, TimeSpan.Zero),
                     (nameof(MaxFailureBackoff), MaxFailureBackoff, TimeSpan.Zero),
                     (nameof(LeaseDuration), LeaseDuration, TimeSpan.FromSeconds(15)),
                 })
        {
            if (value < min)
            {
                yield return new ValidationResult($"{name} must be at least {min}.", [name]);
            }
        }

        if (LeaseDuration > TimeSpan.FromSeconds(60))
        {
            yield return new ValidationResult("LeaseDuration must be between 15 and 60 seconds (the blob lease limits).", [nameof(LeaseDuration)]);
        }

        foreach (var cidr in AllowedPrivateNetworks)
        {
            if (!System.Net.IPNetwork.TryParse(cidr, out _))
            {
                yield return new ValidationResult($"AllowedPrivateNetworks entry '{cidr}' is not a CIDR range such as 127.0.0.0/8.", [nameof(AllowedPrivateNetworks)]);
            }
        }
    }
}
