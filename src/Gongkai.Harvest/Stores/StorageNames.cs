namespace Gongkai.Harvest.Stores;

/// <summary>The containers, queues and tables Gongkai uses. infra/main.bicep creates the same set.</summary>
public static class StorageNames
{
    /// <summary>Raw report pages and attachments, byte for byte, kept forever.</summary>
    public const string RawReportsContainer = "raw-reports";

    /// <summary>The parser's full JSON output (sections, provenance), one blob per parsed raw blob.</summary>
    public const string ParsedReportsContainer = "parsed-reports";

    /// <summary>Lease blobs that keep one harvest per portal running at a time.</summary>
    public const string HarvestLocksContainer = "harvest-locks";

    /// <summary>One message per portal to crawl: the nightly fan-out.</summary>
    public const string HarvestRequestsQueue = "harvest-requests";

    /// <summary>Messages that failed five times, as the Functions host names its poison queues.</summary>
    public const string HarvestRequestsPoisonQueue = "harvest-requests-poison";

    /// <summary>Crawl state per portal and URL.</summary>
    public const string CrawlStateTable = "CrawlState";

    /// <summary>Every failure an operator should see: fetches, stores, parses.</summary>
    public const string FailuresTable = "Failures";

    /// <summary>One row per harvest run with its summary.</summary>
    public const string HarvestRunsTable = "HarvestRuns";

    /// <summary>One row per report (agency + year): the current parse's summary and every blob version behind it.</summary>
    public const string ReportsTable = "Reports";

    /// <summary>Report summaries by agency and by year, and the agency list; see docs/storage.md.</summary>
    public const string ReportIndexTable = "ReportIndex";

    /// <summary>
    /// Figures ranked by metric within one year: one table per year (<c>MetricIndex2023</c>), created on the year's first
    /// report; see docs/storage.md.
    /// </summary>
    public static string MetricIndexTable(int year) => MetricIndexTablePrefix + year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private const string MetricIndexTablePrefix = "MetricIndex";

    /// <summary>Which report each raw blob was parsed into, with which parser version.</summary>
    public const string ReportBlobsTable = "ReportBlobs";

    /// <summary>The local blob-trigger driver's receipts: one row per blob version (name + ETag) it has handled.</summary>
    public const string BlobReceiptsTable = "BlobReceipts";

    /// <summary>Checkpoints that let <c>gongkai reparse</c> resume where it stopped.</summary>
    public const string ReparseCheckpointsTable = "ReparseCheckpoints";
}
