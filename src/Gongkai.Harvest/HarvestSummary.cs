namespace Gongkai.Harvest;

/// <summary>What one harvest of one portal did.</summary>
public sealed record HarvestSummary
{
    /// <summary>The portal.</summary>
    public required string PortalId { get; init; }

    /// <summary>The run's id (also the HarvestRuns row's RunId).</summary>
    public string RunId { get; init; } = "";

    /// <summary>Listing pages read.</summary>
    public int PagesListed { get; init; }

    /// <summary>Report links found on the listings.</summary>
    public int ReportsFound { get; init; }

    /// <summary>Documents (report pages and attachments) stored for the first time.</summary>
    public int New { get; init; }

    /// <summary>Documents whose content changed: a new blob was written beside the old one.</summary>
    public int Changed { get; init; }

    /// <summary>Documents fetched (or answered 304) with unchanged content.</summary>
    public int Unchanged { get; init; }

    /// <summary>Documents not due yet (fetched recently), left alone.</summary>
    public int NotDue { get; init; }

    /// <summary>Links robots.txt disallows.</summary>
    public int Disallowed { get; init; }

    /// <summary>Failures recorded (listing pages, fetches, stores).</summary>
    public int Failed { get; init; }

    /// <summary>Body bytes fetched.</summary>
    public long Bytes { get; init; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The blobs this run created.</summary>
    public IReadOnlyList<string> StoredBlobs { get; init; } = [];

    /// <summary>For a dry run: the URLs a real run would fetch now.</summary>
    public IReadOnlyList<string> WouldFetch { get; init; } = [];

    /// <summary>True when another run held the portal's lease and nothing was done.</summary>
    public bool Skipped { get; init; }

    /// <summary>True for a dry run (nothing stored).</summary>
    public bool DryRun { get; init; }
}

/// <summary>Options of one harvest run.</summary>
public sealed record HarvestRunOptions
{
    /// <summary>Listing pages per start URL (overrides the portal's cap).</summary>
    public int? MaxPages { get; init; }

    /// <summary>Read the listings and report what would be fetched, storing nothing.</summary>
    public bool DryRun { get; init; }
}
