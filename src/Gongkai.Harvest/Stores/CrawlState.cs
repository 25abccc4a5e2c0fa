using Azure.Data.Tables;

namespace Gongkai.Harvest.Stores;

/// <summary>What the harvester knows about one URL of a portal.</summary>
public sealed record CrawlState
{
    /// <summary>The URL.</summary>
    public required Uri Url { get; init; }

    /// <summary><c>page</c> or <c>attachment</c>.</summary>
    public string Kind { get; init; } = RawReportBlob.PageKind;

    /// <summary>The report page an attachment hangs off.</summary>
    public Uri? ParentUrl { get; init; }

    /// <summary>Last fetch attempt.</summary>
    public DateTimeOffset? LastFetchedAt { get; init; }

    /// <summary>Last HTTP status (0 when none arrived).</summary>
    public int LastStatus { get; init; }

    /// <summary>fetched, unchanged, failed or disallowed.</summary>
    public string? LastOutcome { get; init; }

    /// <summary>Validator to send back.</summary>
    public string? ETag { get; init; }

    /// <summary>Validator to send back.</summary>
    public string? LastModified { get; init; }

    /// <summary>SHA-256 of the last stored content.</summary>
    public string? ContentHash { get; init; }

    /// <summary>The blob holding that content.</summary>
    public string? BlobName { get; init; }

    /// <summary>Consecutive failed fetches.</summary>
    public int FailuresInRow { get; init; }

    /// <summary>When the URL should be fetched again.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>The last failure's reason.</summary>
    public string? LastError { get; init; }

    /// <summary>Whether a fetch is due at <paramref name="now"/>.</summary>
    public bool IsDue(DateTimeOffset now) => NextDueAt is null || NextDueAt <= now;
}

/// <summary>The CrawlState table: PartitionKey = portal id, RowKey = the encoded URL.</summary>
public sealed class CrawlStateStore
{
    private readonly TableClient _table;

    /// <summary>Creates the store.</summary>
    public CrawlStateStore(TableServiceClient tables, HarvestStoreNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        _table = tables.GetTableClient(names.CrawlState);
    }

    /// <summary>All state rows of a portal, by URL.</summary>
    public async Task<Dictionary<Uri, CrawlState>> LoadAsync(string portalId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Uri, CrawlState>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {portalId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Uri.TryCreate(entity.GetString("Url"), UriKind.Absolute, out var url))
            {
                result[url] = FromEntity(url, entity);
            }
        }

        return result;
    }

    /// <summary>Writes a URL's state (replacing the row).</summary>
    public async Task SaveAsync(string portalId, CrawlState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(portalId, TableKey.Encode(state.Url.AbsoluteUri))
        {
            ["Url"] = state.Url.AbsoluteUri,
            ["Kind"] = state.Kind,
            ["ParentUrl"] = state.ParentUrl?.AbsoluteUri,
            ["LastFetchedAt"] = state.LastFetchedAt,
            ["LastStatus"] = state.LastStatus,
            ["LastOutcome"] = state.LastOutcome,
            ["ETag"] = state.ETag,
            ["LastModified"] = state.LastModified,
            ["ContentHash"] = state.ContentHash,
            ["BlobName"] = state.BlobName,
            ["FailuresInRow"] = state.FailuresInRow,
            ["NextDueAt"] = state.NextDueAt,
            ["LastError"] = state.LastError,
        };
        foreach (var key in entity.Keys.Where(k => entity[k] is null).ToList())
        {
            entity.Remove(key);
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static CrawlState FromEntity(Uri url, TableEntity e) => new()
    {
        Url = url,
        Kind = e.GetString("Kind") ?? RawReportBlob.PageKind,
        ParentUrl = Uri.TryCreate(e.GetString("ParentUrl"), UriKind.Absolute, out var parent) ? parent : null,
        LastFetchedAt = e.GetDateTimeOffset("LastFetchedAt"),
        LastStatus = e.GetInt32("LastStatus") ?? 0,
        LastOutcome = e.GetString("LastOutcome"),
        ETag = e.GetString("ETag"),
        LastModified = e.GetString("LastModified"),
        ContentHash = e.GetString("ContentHash"),
        BlobName = e.GetString("BlobName"),
        FailuresInRow = e.GetInt32("FailuresInRow") ?? 0,
        NextDueAt = e.GetDateTimeOffset("NextDueAt"),
        LastError = e.GetString("LastError"),
    };
}
