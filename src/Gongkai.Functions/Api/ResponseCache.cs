using System.Collections.Concurrent;
using Gongkai.Functions.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Gongkai.Functions.Api;

/// <summary>
/// Reuses successful query answers for a few seconds: the records change nightly, and the same rankings and reports
/// are asked for again and again. An answer is keyed by the record generation it was read under
/// (<see cref="RecordGeneration"/>), the path, the query parameters in a canonical order and the Accept header, so a
/// write through this process makes every older answer unreachable at once; answers of other instances' writes are
/// at most <see cref="ResponseCacheOptions.CacheDuration"/> old.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    private readonly ResponseCacheOptions _options;
    private readonly RecordGeneration _generation;
    private readonly MemoryCache _entries;
    private readonly ConcurrentDictionary<string, Task<CachedResponse?>> _reading = new(StringComparer.Ordinal);

    public ResponseCache(IOptions<ResponseCacheOptions> options, RecordGeneration generation, TimeProvider time)
    {
        _options = options.Value;
        _generation = generation;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.CacheSizeBytes, Clock = new SystemClockAdapter(time) });
    }

    public bool Enabled => _options.CacheDuration > TimeSpan.Zero;

    /// <summary>The routes whose answers depend only on the records (not health, not the OpenAPI document).</summary>
    public static bool Cacheable(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments("/api", out var rest)
        && !rest.StartsWithSegments("/health") && !rest.StartsWithSegments("/openapi.json");

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!Enabled || !Cacheable(context.Request))
        {
            await next(context);
            return;
        }
        // Taken before reading, so an answer read while a write commits is filed under the older generation.
        var key = Key(context.Request, _generation.Value);
        if (_entries.TryGetValue(key, out CachedResponse? hit) && hit is not null)
        {
            await hit.WriteToAsync(context.Response, context.RequestAborted);
            return;
        }

        // One reader per answer: requests for the same answer arriving while it is read wait for it instead of each
        // sending the same query to storage (a popular ranking, just expired, would otherwise be read by every client).
        var reading = new TaskCompletionSource<CachedResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = _reading.GetOrAdd(key, reading.Task);
        if (leader != reading.Task)
        {
            if (await leader.WaitAsync(context.RequestAborted) is { } shared)
            {
                await shared.WriteToAsync(context.Response, context.RequestAborted);
                return;
            }
            await next(context); // the first reader's answer was an error or too big to keep: read for this request
            return;
        }
        CachedResponse? entry = null;
        try
        {
            entry = await ReadAsync(context, next, key);
        }
        finally
        {
            reading.SetResult(entry);
            _reading.TryRemove(KeyValuePair.Create(key, reading.Task));
        }
    }

    private async Task<CachedResponse?> ReadAsync(HttpContext context, RequestDelegate next, string key)
    {
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
        }
        CachedResponse? entry = null;
        if (context.Response.StatusCode == StatusCodes.Status200OK && buffer.Length <= _options.MaxEntryBytes)
        {
            var kept = KeptHeaders.Select(name => KeyValuePair.Create(name, context.Response.Headers[name])).Where(h => h.Value.Count > 0).ToArray();
            entry = new CachedResponse(buffer.ToArray(), context.Response.ContentType, kept);
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = entry.Body.Length + key.Length * 2L, AbsoluteExpirationRelativeToNow = _options.CacheDuration });
        }
        buffer.Position = 0;
        if (!context.Response.HasStarted)
        {
            // The whole body is in hand: its length goes out, also on a HEAD, whose body is dropped.
            context.Response.ContentLength = buffer.Length;
        }
        await buffer.CopyToAsync(body, context.RequestAborted);
        return entry;
    }

    /// <summary>The path, the normalised query (parameters in ordinal order, repeated values kept in order), then what the client accepts.</summary>
    public static string Key(HttpRequest request, long generation)
    {
        var query = string.Join('&', request.Query.OrderBy(q => q.Key, StringComparer.Ordinal)
            .SelectMany(q => q.Value.Select(v => Uri.EscapeDataString(q.Key) + "=" + Uri.EscapeDataString(v ?? ""))));
        // The raw path: the decoded one is the same for a/b sent as %2F and the text a%2Fb sent as %252F.
        return $"{generation}|{RawRouteValue.RawPath(request) ?? request.Path.Value}?{query}|{request.Headers.Accept}";
    }

    public void Dispose() => _entries.Dispose();

    /// <summary>The response headers that are part of an answer (besides its content type), kept with its body.</summary>
    private static readonly IReadOnlyList<string> KeptHeaders = [HeaderNames.ContentDisposition, HeaderNames.Link];

    private sealed record CachedResponse(byte[] Body, string? ContentType, KeyValuePair<string, StringValues>[] Headers)
    {
        public Task WriteToAsync(HttpResponse response, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            foreach (var (name, value) in Headers)
            {
                response.Headers[name] = value;
            }
            response.ContentLength = Body.Length;
            return response.Body.WriteAsync(Body, cancellationToken).AsTask();
        }
    }

    private sealed class SystemClockAdapter(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
