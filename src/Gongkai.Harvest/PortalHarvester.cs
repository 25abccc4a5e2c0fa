using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Gongkai.Harvest.Discovery;
using Gongkai.Harvest.Fetching;
using Gongkai.Harvest.Portals;
using Gongkai.Harvest.Stores;
using Gongkai.Harvest.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Harvest;

/// <summary>
/// Harvests one portal: takes its lease, walks its listings, fetches each due report page (and its attachments)
/// conditionally, stores new content once per hash, and records state, failures and a run summary. Failures are rows,
/// never exceptions; only cancellation ends a run early, and the next run resumes from the crawl state.
/// </summary>
public sealed class PortalHarvester
{
    private readonly PortalCatalog _catalog;
    private readonly ListingCrawler _crawler;
    private readonly PageFetcher _fetcher;
    private readonly BlobServiceClient _blobs;
    private readonly HarvestStoreNames _names;
    private readonly StoreInitializer _initializer;
    private readonly RawReportStore _raw;
    private readonly CrawlStateStore _state;
    private readonly FailureLog _failures;
    private readonly HarvestRunLog _runs;
    private readonly HarvestOptions _options;
    private readonly HarvestTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<PortalHarvester> _logger;

    /// <summary>Creates the harvester.</summary>
    public PortalHarvester(
        PortalCatalog catalog, ListingCrawler crawler, PageFetcher fetcher, BlobServiceClient blobs, HarvestStoreNames names,
        StoreInitializer initializer, RawReportStore raw, CrawlStateStore state, FailureLog failures, HarvestRunLog runs,
        IOptions<HarvestOptions> options, HarvestTelemetry telemetry, TimeProvider time, ILogger<PortalHarvester> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _crawler = crawler;
        _fetcher = fetcher;
        _blobs = blobs;
        _names = names;
        _initializer = initializer;
        _raw = raw;
        _state = state;
        _failures = failures;
        _runs = runs;
        _options = options.Value;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs one harvest of <paramref name="portalId"/>; returns a <c>Skipped</c> summary when another run holds its lease.</summary>
    public async Task<HarvestSummary> HarvestAsync(string portalId, HarvestRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var portal = _catalog.Find(portalId) ?? throw new ArgumentException($"no portal '{portalId}' is configured", nameof(portalId));
        var run = new RunContext(portal, Guid.NewGuid().ToString("N"), _time.GetUtcNow(), _time.GetTimestamp());
        using var activity = _telemetry.ActivitySource.StartActivity("gongkai.harvest.run");
        activity?.SetTag("gongkai.portal", portal.Id);
        activity?.SetTag("gongkai.run_id", run.RunId);
        activity?.SetTag("gongkai.dry_run", options.DryRun);

        if (options.DryRun)
        {
            return await DryRunAsync(run, options, cancellationToken).ConfigureAwait(false);
        }

        await _initializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var lease = await PortalLease.TryAcquireAsync(_blobs, _names, portal.Id, _options.LeaseDuration, _logger, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            HarvestLog.RunSkipped(_logger, portal.Id);
            _telemetry.RunFinished(portal.Id, "skipped", TimeSpan.Zero);
            activity?.SetTag("gongkai.outcome", "skipped");
            return new HarvestSummary { PortalId = portal.Id, RunId = run.RunId, Skipped = true };
        }

        await using (lease.ConfigureAwait(false))
        {
            HarvestLog.RunStarted(_logger, portal.Id, run.RunId);
            var token = lease.Token;
            string outcome = "completed";
            try
            {
                await RunAsync(run, options, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                outcome = "cancelled";
                HarvestLog.RunCancelled(_logger, portal.Id, (long)_time.GetElapsedTime(run.Started).TotalMilliseconds);
            }

            var summary = run.Summary(_time.GetElapsedTime(run.Started));
            await TryRecordRunAsync(summary, run.StartedAt, outcome).ConfigureAwait(false);
            _telemetry.RunFinished(portal.Id, outcome, summary.Duration);
            activity?.SetTag("gongkai.outcome", outcome);
            if (outcome == "cancelled")
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new OperationCanceledException($"the harvest of {portal.Id} stopped: its lease could not be renewed");
            }

            HarvestLog.RunFinished(_logger, portal.Id, (long)summary.Duration.TotalMilliseconds, summary.PagesListed, summary.ReportsFound, summary.New, summary.Changed, summary.Unchanged, summary.Failed, summary.Bytes);
            return summary;
        }
    }

    private async Task<HarvestSummary> DryRunAsync(RunContext run, HarvestRunOptions options, CancellationToken cancellationToken)
    {
        var discovery = await _crawler.DiscoverAsync(run.Portal, options.MaxPages, cancellationToken).ConfigureAwait(false);
        Dictionary<Uri, CrawlState> states;
        try
        {
            await _initializer.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            states = await _state.LoadAsync(run.Portal.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            states = [];
        }

        var now = _time.GetUtcNow();
        var due = discovery.Reports.Where(l => !states.TryGetValue(l.Url, out var s) || s.IsDue(now)).Select(l => l.Url.AbsoluteUri).ToList();
        return new HarvestSummary
        {
            PortalId = run.Portal.Id,
            RunId = run.RunId,
            DryRun = true,
            PagesListed = discovery.PagesListed,
            ReportsFound = discovery.Reports.Count,
            NotDue = discovery.Reports.Count - due.Count,
            Failed = discovery.Failures.Count + discovery.Problems.Count,
            WouldFetch = due,
            Duration = _time.GetElapsedTime(run.Started),
        };
    }

    private async Task RunAsync(RunContext run, HarvestRunOptions options, CancellationToken cancellationToken)
    {
        var portal = run.Portal;
        var discovery = await _crawler.DiscoverAsync(portal, options.MaxPages, cancellationToken).ConfigureAwait(false);
        run.PagesListed = discovery.PagesListed;
        run.ReportsFound = discovery.Reports.Count;
        foreach (var failure in discovery.Failures)
        {
            if (failure.Fetch.Outcome == FetchOutcome.Disallowed)
            {
                Interlocked.Increment(ref run.Disallowed);
                if (failure.Fetch.Failure != FetchFailure.None)
                {
                    await RobotsUnreachableAsync(run, failure.Url, failure.Fetch, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            await FailAsync(run, HarvestStages.List, failure.Url, failure.Fetch.Error ?? failure.Fetch.Outcome.ToString(), failure.Fetch, cancellationToken).ConfigureAwait(false);
        }

        foreach (var problem in discovery.Problems)
        {
            await FailAsync(run, HarvestStages.List, problem.Url, problem.Error, null, cancellationToken, problem.Kind).ConfigureAwait(false);
        }

        Dictionary<Uri, CrawlState> states;
        try
        {
            states = await _state.LoadAsync(portal.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            await FailAsync(run, HarvestStages.Store, portal.StartUrls[0], "could not read the crawl state: " + e.Message, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        run.States = new ConcurrentDictionary<Uri, CrawlState>(states);
        await Parallel.ForEachAsync(
            discovery.Reports,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelFetches, CancellationToken = cancellationToken },
            async (link, ct) => await HarvestReportAsync(run, link, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task HarvestReportAsync(RunContext run, ReportLink link, CancellationToken cancellationToken)
    {
        var document = new Document(link.Url, RawReportBlob.PageKind, null, link.Text, link.Date, link.Year);
        var page = await HarvestDocumentAsync(run, document, cancellationToken).ConfigureAwait(false);
        if (!run.Portal.Attachments.Enabled)
        {
            return;
        }

        // Attachments are read off a freshly fetched page; when the page was unchanged, the ones recorded last time are rechecked.
        IEnumerable<AttachmentLink> attachments = page?.Body is { Length: > 0 } body
            ? AttachmentFinder.Find(HtmlText.Decode(body, page.ContentType), page.FinalUrl, run.Portal)
            : run.States.Values.Where(s => s.Kind == RawReportBlob.AttachmentKind && s.ParentUrl == link.Url).Select(s => new AttachmentLink(s.Url, string.Empty));
        var list = attachments.ToList();
        if (page is not null)
        {
            // Record the page's attachments before fetching them, so a run stopped in between still knows to fetch them.
            foreach (var attachment in list.Where(a => !run.States.ContainsKey(a.Url)))
            {
                await SaveStateAsync(run, new CrawlState { Url = attachment.Url, Kind = RawReportBlob.AttachmentKind, ParentUrl = link.Url, LastOutcome = "pending" }, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var attachment in list)
        {
            await HarvestDocumentAsync(run, new Document(attachment.Url, RawReportBlob.AttachmentKind, link.Url, string.IsNullOrEmpty(attachment.Text) ? link.Text : attachment.Text, link.Date, link.Year), cancellationToken).ConfigureAwait(false);
        }
    }

    // Returns the fetch when the document was fetched with a body (so the caller can look for attachments).
    private async Task<FetchResult?> HarvestDocumentAsync(RunContext run, Document document, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        run.States.TryGetValue(document.Url, out var previous);
        if (previous is not null && !previous.IsDue(now))
        {
            Interlocked.Increment(ref run.NotDue);
            return null;
        }

        var request = new FetchRequest(document.Url, run.Portal);
        if (previous?.ContentHash is not null)
        {
            request = request with { ETag = previous.ETag, LastModified = previous.LastModified };
        }

        var fetch = await _fetcher.FetchAsync(request, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref run.Bytes, fetch.Body.LongLength);
        var state = (previous ?? new CrawlState { Url = document.Url }) with
        {
            Kind = document.Kind,
            ParentUrl = document.ParentUrl,
            LastFetchedAt = fetch.FetchedAt,
            LastStatus = fetch.Status ?? 0,
        };

        switch (fetch.Outcome)
        {
            case FetchOutcome.Disallowed:
                Interlocked.Increment(ref run.Disallowed);
                if (fetch.Failure != FetchFailure.None)
                {
                    await RobotsUnreachableAsync(run, document.Url, fetch, cancellationToken).ConfigureAwait(false);
                }

                state = state with { LastOutcome = "disallowed", NextDueAt = now + _options.RefreshInterval, LastError = fetch.Error };
                break;

            case FetchOutcome.Failed:
                var failures = (previous?.FailuresInRow ?? 0) + 1;
                state = state with { LastOutcome = "failed", FailuresInRow = failures, NextDueAt = now + Backoff(failures), LastError = fetch.Error };
                await FailAsync(run, HarvestStages.Fetch, document.Url, fetch.Error ?? fetch.Failure.ToString(), fetch, cancellationToken).ConfigureAwait(false);
                break;

            case FetchOutcome.NotModified:
                Count(run, "unchanged");
                state = Succeeded(state, now, fetch, previous?.ContentHash, previous?.BlobName) with { LastOutcome = "unchanged" };
                break;

            case FetchOutcome.Fetched:
                var hash = Convert.ToHexStringLower(SHA256.HashData(fetch.Body));
                if (hash == previous?.ContentHash)
                {
                    Count(run, "unchanged");
                    state = Succeeded(state, now, fetch, hash, previous.BlobName) with { LastOutcome = "unchanged" };
                    break;
                }

                var blobName = RawReportBlob.Name(run.Portal.Id, document.Year, hash, RawReportBlob.Extension(fetch.ContentType, fetch.FinalUrl));
                var info = new RawReportInfo
                {
                    SourceUrl = document.Url,
                    FinalUrl = fetch.FinalUrl,
                    FetchedAt = fetch.FetchedAt,
                    ContentType = fetch.ContentType,
                    ETag = fetch.ETag,
                    LastModified = fetch.LastModified,
                    LinkText = document.LinkText,
                    LinkDate = document.LinkDate,
                    PortalId = run.Portal.Id,
                    Sha256 = hash,
                    Kind = document.Kind,
                    ParentUrl = document.ParentUrl,
                    ReportYear = document.Year,
                    TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null,
                };

                bool created;
                try
                {
                    // Bytes already fetched are stored even if the run is being cancelled: fetching is the expensive, impolite part.
                    using var storeTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                    created = await _raw.StoreAsync(blobName, fetch.Body, info, storeTimeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or IOException or OperationCanceledException)
                {
                    // The bytes are not stored, so the state is left as it was: the next run fetches them again.
                    await FailAsync(run, HarvestStages.Store, document.Url, $"could not store {blobName}: {e.Message}", fetch, cancellationToken).ConfigureAwait(false);
                    return null;
                }

                var outcome = !created ? "unchanged" : previous?.ContentHash is null ? "new" : "changed";
                Count(run, outcome);
                if (created)
                {
                    run.StoredBlobs.Enqueue(blobName);
                    HarvestLog.Stored(_logger, run.Portal.Id, document.Url.AbsoluteUri, blobName, outcome);
                }

                state = Succeeded(state, now, fetch, hash, blobName) with { LastOutcome = outcome };
                await SaveStateAsync(run, state, cancellationToken).ConfigureAwait(false);
                return fetch;
        }

        await SaveStateAsync(run, state, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private CrawlState Succeeded(CrawlState state, DateTimeOffset now, FetchResult fetch, string? hash, string? blobName) => state with
    {
        ETag = fetch.ETag ?? state.ETag,
        LastModified = fetch.LastModified ?? state.LastModified,
        ContentHash = hash,
        BlobName = blobName,
        FailuresInRow = 0,
        LastError = null,
        NextDueAt = now + _options.RefreshInterval,
    };

    private TimeSpan Backoff(int failuresInRow)
    {
        var factor = Math.Pow(2, Math.Min(failuresInRow - 1, 20));
        var wait = TimeSpan.FromTicks((long)Math.Min(_options.FailureBackoff.Ticks * factor, _options.MaxFailureBackoff.Ticks));
        return wait;
    }

    private void Count(RunContext run, string outcome)
    {
        switch (outcome)
        {
            case "new":
                Interlocked.Increment(ref run.New);
                break;
            case "changed":
                Interlocked.Increment(ref run.Changed);
                break;
            default:
                Interlocked.Increment(ref run.Unchanged);
                break;
        }

        _telemetry.ReportStored(run.Portal.Id, outcome);
    }

    private async Task SaveStateAsync(RunContext run, CrawlState state, CancellationToken cancellationToken)
    {
        run.States[state.Url] = state;
        try
        {
            // Work already done is recorded even when the run is being cancelled, so the next run does not redo it.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _state.SaveAsync(run.Portal.Id, state, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or IOException or OperationCanceledException)
        {
            await FailAsync(run, HarvestStages.Store, state.Url, "could not save the crawl state: " + e.Message, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(RunContext run, string stage, Uri url, string error, FetchResult? fetch, CancellationToken cancellationToken, string? kind = null)
    {
        Interlocked.Increment(ref run.Failed);
        _telemetry.Failure(run.Portal.Id, stage);
        HarvestLog.StageFailed(_logger, run.Portal.Id, stage, url.AbsoluteUri, error);
        var failure = new HarvestFailure(run.Portal.Id, stage, url.AbsoluteUri, error, fetch?.Attempts ?? 0, fetch?.Status, _time.GetUtcNow())
        {
            Kind = kind ?? (fetch is null || stage == HarvestStages.Store ? null : fetch.Failure == FetchFailure.None ? fetch.Outcome.ToString() : fetch.Failure.ToString()),
            RunId = run.RunId,
        };
        try
        {
            await _failures.RecordAsync(failure, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or IOException)
        {
            HarvestLog.FailureNotRecorded(_logger, run.Portal.Id, url.AbsoluteUri, e.Message);
        }
    }

    // One "robots" row per host and run: the pages behind it are counted as disallowed, not as failures of their own.
    private async Task RobotsUnreachableAsync(RunContext run, Uri url, FetchResult fetch, CancellationToken cancellationToken)
    {
        var robotsUrl = new Uri(url, "/robots.txt");
        if (run.RobotsReported.TryAdd(PortalDefinition.HostKey(url), true))
        {
            await FailAsync(run, HarvestStages.Robots, robotsUrl, fetch.Error ?? "robots.txt unreachable", fetch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task TryRecordRunAsync(HarvestSummary summary, DateTimeOffset startedAt, string outcome)
    {
        try
        {
            // Recorded even when the run was cancelled: a run row is how operators see the interruption.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _runs.RecordAsync(summary, startedAt, outcome, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException or IOException or OperationCanceledException)
        {
            HarvestLog.FailureNotRecorded(_logger, summary.PortalId, "(run summary)", e.Message);
        }
    }

    private sealed record Document(Uri Url, string Kind, Uri? ParentUrl, string LinkText, DateOnly? LinkDate, int? Year);

    private sealed class RunContext(PortalDefinition portal, string runId, DateTimeOffset startedAt, long started)
    {
        public int PagesListed;
        public int ReportsFound;
        public int New;
        public int Changed;
        public int Unchanged;
        public int NotDue;
        public int Disallowed;
        public int Failed;
        public long Bytes;

        public PortalDefinition Portal { get; } = portal;

        public string RunId { get; } = runId;

        public DateTimeOffset StartedAt { get; } = startedAt;

        public long Started { get; } = started;

        public ConcurrentDictionary<Uri, CrawlState> States { get; set; } = new();

        public ConcurrentQueue<string> StoredBlobs { get; } = new();

        public ConcurrentDictionary<string, bool> RobotsReported { get; } = new(StringComparer.Ordinal);

        public HarvestSummary Summary(TimeSpan duration) => new()
        {
            PortalId = Portal.Id,
            RunId = RunId,
            PagesListed = PagesListed,
            ReportsFound = ReportsFound,
            New = New,
            Changed = Changed,
            Unchanged = Unchanged,
            NotDue = NotDue,
            Disallowed = Disallowed,
            Failed = Failed,
            Bytes = Volatile.Read(ref Bytes),
            Duration = duration,
            StoredBlobs = StoredBlobs.ToArray(),
        };
    }
}
