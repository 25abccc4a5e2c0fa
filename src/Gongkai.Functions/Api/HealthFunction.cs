using Azure;
using Azure.Data.Tables;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Records;
using Gongkai.Harvest.Stores;
using Gongkai.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gongkai.Functions.Api;

/// <summary>
/// <c>GET /api/health</c>: 200 when storage answers, 503 when it does not, with counters for operators. Anonymous, so
/// probes and availability tests need no key; it reveals counts, never records.
/// </summary>
public sealed class HealthFunction(ApiResponder responder, RecordStorage storage, FunctionCounters counters, TimeProvider time)
{
    private const int FailureScanLimit = 1000;

    /// <summary>How many of the open failures the answer lists, newest first (the web page's pipeline view shows them).</summary>
    private const int LatestFailures = 20;

    private static readonly string[] FailureColumns = ["PartitionKey", "Stage", "PortalId", "Url", "Blob", "Error", "GaveUpReason", "Attempts", "OccurredAt"];

    [Function(FunctionNames.Health)]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request, CancellationToken cancellationToken) =>
        responder.AnswerAsync(request, () => CheckAsync(request, cancellationToken), cacheable: false);

    private async Task<IResult> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        QueryParameters.RejectUnknown(request);
        string? storageError = null;
        var openFailures = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var latest = new List<FailureDto>();
        var scanned = 0;
        try
        {
            var failures = await storage.TableAsync(StorageNames.FailuresTable, cancellationToken);
            var unresolved = TableClient.CreateQueryFilter($"Status ne {ParseFailures.Resolved}");
            await foreach (var row in failures.QueryAsync<TableEntity>(unresolved, FailureScanLimit, FailureColumns, cancellationToken))
            {
                var stage = row.GetString("Stage") ?? "unknown";
                openFailures[stage] = openFailures.GetValueOrDefault(stage) + 1;
                latest.Add(FailureDto.From(row, stage));
                if (++scanned >= FailureScanLimit)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is HttpRequestException)
        {
            storageError = e is RequestFailedException { Status: > 0 } s ? $"storage answered {s.Status} {s.ErrorCode}" : "storage is unreachable";
        }

        var body = new HealthDto(
            storageError is null ? "healthy" : "unhealthy",
            time.GetUtcNow(),
            counters.StartedAt,
            ReportParserVersion.Current,
            new StorageHealthDto(storage.Blobs.AccountName, storageError is null, storageError),
            counters.Snapshot(),
            new OpenFailuresDto(openFailures, scanned, scanned >= FailureScanLimit,
                [.. latest.OrderByDescending(f => f.OccurredAt).Take(LatestFailures)]));
        return Results.Json(body, statusCode: storageError is null ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthDto(string Status, DateTimeOffset Time, DateTimeOffset StartedAt, string ParserVersion, StorageHealthDto Storage,
    IReadOnlyDictionary<string, FunctionCount> Functions, OpenFailuresDto OpenFailures);

/// <param name="Error">Why storage is unreachable; absent when it answers.</param>
public sealed record StorageHealthDto(string Account, bool Reachable, string? Error);

/// <param name="Truncated">True when more failures are open than the health check counts.</param>
/// <param name="Latest">The newest open failures among those counted, newest first.</param>
public sealed record OpenFailuresDto(IReadOnlyDictionary<string, int> ByStage, int Total, bool Truncated, IReadOnlyList<FailureDto> Latest);

/// <summary>One open row of the Failures table: a harvest stage's (partition = portal) or a parse's (partition <c>parse</c>).</summary>
public sealed record FailureDto(string Stage, string? PortalId, string? Url, string? Blob, string? Error, int? Attempts, DateTimeOffset? OccurredAt)
{
    public static FailureDto From(TableEntity row, string stage) => new(
        stage,
        row.GetString("PortalId") ?? (row.PartitionKey is { Length: > 0 } partition && partition != ParseFailures.Partition ? partition : null),
        row.GetString("Url"),
        row.GetString("Blob"),
        row.GetString("Error") ?? row.GetString("GaveUpReason"),
        row.GetInt32("Attempts"),
        row.GetDateTimeOffset("OccurredAt"));
}
