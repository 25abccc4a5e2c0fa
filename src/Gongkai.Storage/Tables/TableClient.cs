using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Gongkai.Storage;

/// <summary>A table over the Table service REST API (JSON, OData v3 minimal metadata).</summary>
public sealed class TableClient
{
    internal const string JsonContentType = "application/json";
    internal const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = name;
        Uri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + Uri.EscapeDataString(name));
    }

    public string Name { get; }

    public Uri Uri { get; }

    /// <summary>Creates the table; returns false if it already existed.</summary>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, _endpoint);
        message.Request.Uri.AppendPath("/Tables", escape: false);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 201, 204, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var error = await StorageMessage.CreateExceptionAsync(message, cancellationToken).ConfigureAwait(false);
            return error.ErrorCode == "TableAlreadyExists" ? false : throw error;
        }

        return true;
    }

    /// <summary>Deletes the table; returns false if it did not exist.</summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, _endpoint);
        message.Request.Uri.AppendPath("/Tables('" + Uri.EscapeDataString(Name.Replace("'", "''", StringComparison.Ordinal)) + "')", escape: false);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>Inserts an entity; fails with 409 (<c>EntityAlreadyExists</c>) if one has the same keys. Returns the new ETag (also set on the entity).</summary>
    public async Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ValidateKeys(entity);
        using var message = CreateMessage(RequestMethod.Post, Uri);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonBody(message, TableEntityJson.Serialize(entity));
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204).ConfigureAwait(false);
        return entity.ETag = ReadETag(response);
    }

    /// <summary>Inserts or updates an entity (merging with or replacing the stored properties). Returns the new ETag.</summary>
    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, mode, ifMatch: null, cancellationToken);

    /// <summary>Updates an existing entity if its ETag matches <paramref name="ifMatch"/> (<c>*</c> for any): 412 on a mismatch, 404 if missing.</summary>
    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteEntityAsync(entity, mode, ifMatch, cancellationToken);
    }

    /// <summary>Reads one entity; null if it does not exist.</summary>
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, Uri);
        message.Request.Uri.AppendPath(EntityPath(partitionKey, rowKey), escape: false);
        AppendSelect(message, select);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        using var json = await JsonDocument.ParseAsync(response.ContentStream!, default, cancellationToken).ConfigureAwait(false);
        var entity = TableEntityJson.Read(json.RootElement);
        entity.ETag ??= response.Headers.ETag?.ToString("H");
        return entity;
    }

    /// <summary>Deletes an entity if its ETag matches (<c>*</c>: any). Returns false if it did not exist; 412 on a mismatch.</summary>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, Uri);
        message.Request.Uri.AppendPath(EntityPath(partitionKey, rowKey), escape: false);
        message.Request.Headers.SetValue("If-Match", ifMatch);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204, 404).ConfigureAwait(false);
        return response.Status == 204;
    }

    /// <summary>Queries entities, following continuations until the results end. <paramref name="filter"/> should come from <see cref="TableFilter"/>.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null,
        IEnumerable<string>? select = null,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var columns = select?.ToList();
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(filter, columns, pageSize, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            continuation = page.Next;
        }
        while (continuation is not null);
    }

    /// <summary>
    /// One page of a query (at most <paramref name="top"/> entities, and never more than 1,000). A page can be short,
    /// even empty, and still have a <see cref="TablePage.Next"/>: the service stops at partition boundaries and time limits.
    /// </summary>
    public async Task<TablePage> QueryPageAsync(string? filter, IEnumerable<string>? select, int? top, TableContinuation? continuation, CancellationToken cancellationToken = default)
    {
        if (top is <= 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, "top must be between 1 and 1000.");
        }

        using var message = CreateMessage(RequestMethod.Get, Uri);
        var uri = message.Request.Uri;
        uri.AppendPath("()", escape: false);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        AppendSelect(message, select);
        if (top is { } t)
        {
            uri.AppendQuery("$top", t.ToString(CultureInfo.InvariantCulture));
        }

        if (continuation is not null)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey);
            if (continuation.NextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", continuation.NextRowKey);
            }
        }

        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 200).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(response.ContentStream!, default, cancellationToken).ConfigureAwait(false);
        var items = new List<TableEntity>();
        if (json.RootElement.TryGetProperty("value", out var value))
        {
            foreach (var element in value.EnumerateArray())
            {
                items.Add(TableEntityJson.Read(element));
            }
        }

        TableContinuation? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition) && !string.IsNullOrEmpty(nextPartition))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
            next = new TableContinuation(nextPartition, string.IsNullOrEmpty(nextRow) ? null : nextRow);
        }

        return new TablePage(items, next);
    }

    /// <summary>
    /// Applies up to 100 actions on one partition atomically (an entity-group transaction): all succeed, or none is
    /// applied and <see cref="TableTransactionFailedException"/> names the failing action.
    /// </summary>
    public async Task SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        TableTransactionRequest.Validate(actions);
        foreach (var action in actions)
        {
            ValidateKeys(action.Entity);
        }

        var batch = new TableTransactionRequest(Uri, actions);
        using var message = CreateMessage(RequestMethod.Post, _endpoint);
        message.Request.Uri.AppendPath("/$batch", escape: false);
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 202).ConfigureAwait(false);
        response.Headers.TryGetValue("Content-Type", out var contentType);
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var failure = TableTransactionResponse.FindFailure(response.Content.ToString(), contentType, requestId, actions.Count);
        if (failure is not null)
        {
            throw failure;
        }
    }

    internal static string EntityPath(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return $"(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";
    }

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static void ValidateKeys(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKey.Validate(entity.PartitionKey);
        TableKey.Validate(entity.RowKey);
    }

    private static string ReadETag(Response response) =>
        response.Headers.ETag?.ToString("H") ?? throw new StorageRequestFailedException(response.Status, null, null, "The table service returned no ETag.");

    private static void SetJsonBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", JsonContentType);
        message.Request.Content = RequestContent.Create(body);
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is null)
        {
            return;
        }

        var columns = select.ToList();
        if (columns.Count > 0)
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', columns));
        }
    }

    private async Task<string> WriteEntityAsync(TableEntity entity, TableUpdateMode mode, string? ifMatch, CancellationToken cancellationToken)
    {
        ValidateKeys(entity);
        using var message = CreateMessage(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, Uri);
        message.Request.Uri.AppendPath(EntityPath(entity.PartitionKey, entity.RowKey), escape: false);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        SetJsonBody(message, TableEntityJson.Serialize(entity));
        var response = await StorageMessage.SendExpectingAsync(_pipeline, message, cancellationToken, 204).ConfigureAwait(false);
        return entity.ETag = ReadETag(response);
    }

    private HttpMessage CreateMessage(RequestMethod method, Uri baseUri)
    {
        var message = StorageMessage.Create(_pipeline, StorageService.Table, method, baseUri);
        message.Request.Headers.SetValue("Accept", AcceptMinimalMetadata);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }
}
