using System.Collections.Concurrent;
using Gongkai.Functions.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

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
    private readonly ConcurrentDictionary<string, Task<BufferedAnswer?>> _reading = new(StringComparer.Ordinal);

    public ResponseCache(IOptions<ResponseCacheOptions> options, RecordGeneration generation, TimeProvider time)
    {
        _options = options.Value;
        _generation = generation;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = _options.CacheSizeBytes, Clock = new SystemClockAdapter(time) });
    }

    public bool Enabled => _options.CacheDuration > TimeSpan.Zero;

    /// <summary>Only reads are cached; a HEAD shares its GET's answer (and fills it, body included).</summary>
    public static bool Cacheable(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    /// <summary>
    /// The answer for <paramref name="request"/>: from the cache, or from <paramref name="answer"/>, executed into memory
    /// so that a 200 small enough can be kept. Either way the result written is the whole buffered answer with its length.
    /// </summary>
    public async Task<IResult> GetOrReadAsync(HttpRequest request, Func<Task<IResult>> answer)
    {
        if (!Enabled || !Cacheable(request))
        {
            return await answer();
        }
        // Taken before reading, so an answer read while a write commits is filed under the older generation.
        var key = Key(request, _generation.Value);
        if (_entries.TryGetValue(key, out BufferedAnswer? hit) && hit is not null)
        {
            return hit;
        }

        // One reader per answer: requests for the same answer arriving while it is read wait for it instead of each
        // sending the same query to storage (a popular ranking, just expired, would otherwise be read by every client).
        var reading = new TaskCompletionSource<BufferedAnswer?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var leader = _reading.GetOrAdd(key, reading.Task);
        if (leader != reading.Task)
        {
            return await leader.WaitAsync(request.HttpContext.RequestAborted) ?? await answer(); // the first reader's answer was not kept: read for this request
        }
        BufferedAnswer? kept = null;
        try
        {
            var buffered = await BufferedAnswer.ExecuteAsync(await answer(), request.HttpContext);
            if (buffered.Status == StatusCodes.Status200OK && buffered.Body.Length <= _options.MaxEntryBytes)
            {
                kept = buffered;
                _entries.Set(key, kept, new MemoryCacheEntryOptions { Size = kept.Body.Length + key.Length * 2L, AbsoluteExpirationRelativeToNow = _options.CacheDuration });
            }
            return buffered;
        }
        finally
        {
            reading.SetResult(kept);
            _reading.TryRemove(KeyValuePair.Create(key, reading.Task));
        }
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

    private sealed class SystemClockAdapter(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
