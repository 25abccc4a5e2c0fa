using System.Globalization;
using Azure.Data.Tables;

namespace Gongkai.Harvest.Stores;

/// <summary>Harvest stages a failure row can name.</summary>
public static class HarvestStages
{
    /// <summary>Reading a listing page.</summary>
    public const string List = "list";
    /// <summary>Fetching a report page or attachment.</summary>
    public const string Fetch = "fetch";
    /// <summary>Writing blobs or state.</summary>
    public const string Store = "store";
    /// <summary>Reading robots.txt.</summary>
    public const string Robots = "robots";
}

/// <summary>One failure an operator can query.</summary>
public sealed record HarvestFailure(string PortalId, string Stage, string Url, string Error, int Attempts, int? Status, DateTimeOffset OccurredAt)
{
    /// <summary>The fetch failure kind (Timeout, HttpStatus, …) when the stage is a fetch.</summary>
    public string? Kind { get; init; }

    /// <summary>The harvest run that hit it.</summary>
    public string? RunId { get; init; }
}

/// <summary>
/// The Failures table: PartitionKey = portal id, RowKey = reverse timestamp + id (newest first), columns Stage, Url,
/// Error, Attempts, Status, OccurredAt (+ Kind, RunId).
/// </summary>
public sealed class FailureLog
{
    private readonly TableClient _table;

    /// <summary>Creates the log.</summary>
    public FailureLog(TableServiceClient tables, HarvestStoreNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        _table = tables.GetTableClient(names.Failures);
    }

    /// <summary>Adds a row.</summary>
    public async Task RecordAsync(HarvestFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var entity = new TableEntity(failure.PortalId, ReverseTimeKey(failure.OccurredAt))
        {
            ["Stage"] = failure.Stage,
            ["Url"] = failure.Url,
            ["Error"] = failure.Error.Length > 4000 ? failure.Error[..4000] : failure.Error,
            ["Attempts"] = failure.Attempts,
            ["OccurredAt"] = failure.OccurredAt,
        };
        if (failure.Status is { } status)
        {
            entity["Status"] = status;
        }

        if (failure.Kind is { } kind)
        {
            entity["Kind"] = kind;
        }

        if (failure.RunId is { } run)
        {
            entity["RunId"] = run;
        }

        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A portal's failure rows, newest first.</summary>
    public async Task<IReadOnlyList<HarvestFailure>> ListAsync(string portalId, CancellationToken cancellationToken)
    {
        var list = new List<HarvestFailure>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {portalId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new HarvestFailure(e.PartitionKey, e.GetString("Stage") ?? "", e.GetString("Url") ?? "", e.GetString("Error") ?? "",
                e.GetInt32("Attempts") ?? 0, e.GetInt32("Status"), e.GetDateTimeOffset("OccurredAt") ?? default)
            {
                Kind = e.GetString("Kind"),
                RunId = e.GetString("RunId"),
            });
        }

        return list;
    }

    /// <summary>A row key that sorts newest first and is unique.</summary>
    internal static string ReverseTimeKey(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..12];
}
