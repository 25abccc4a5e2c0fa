namespace Gongkai.Harvest.Stores;

/// <summary>The containers and tables the harvester writes; the defaults are the shared <see cref="StorageNames"/>.</summary>
public sealed record HarvestStoreNames
{
    /// <summary>Raw report pages and attachments.</summary>
    public string RawReports { get; init; } = StorageNames.RawReportsContainer;

    /// <summary>Per-portal lease blobs.</summary>
    public string Locks { get; init; } = StorageNames.HarvestLocksContainer;

    /// <summary>Crawl state per portal and URL.</summary>
    public string CrawlState { get; init; } = StorageNames.CrawlStateTable;

    /// <summary>Failure rows.</summary>
    public string Failures { get; init; } = StorageNames.FailuresTable;

    /// <summary>One row per harvest run.</summary>
    public string HarvestRuns { get; init; } = StorageNames.HarvestRunsTable;
}
