using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Gongkai.Bench;

/// <summary>
/// Counts the storage requests this process sends (HttpClient's own activities), grouped by method and by the
/// container, table or queue they address, with their mean latency: where a pipeline's requests and time go.
/// </summary>
public sealed class StorageRequestMeter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentDictionary<string, Counter> _counts = new(StringComparer.Ordinal);
    private readonly string _account;

    public StorageRequestMeter(string account = "devstoreaccount1")
    {
        _account = "/" + account + "/";
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Total => _counts.Values.Sum(c => c.Count);

    public void Reset() => _counts.Clear();

    /// <summary>One line per kind of request, most frequent first, as counts per <paramref name="per"/> units of work.</summary>
    public void Print(TextWriter output, double per, string unit)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage requests: {Total} = {Total / per:0.00} per {unit}"));
        foreach (var (name, counter) in _counts.OrderByDescending(c => c.Value.Count))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-40} {counter.Count,8}  {counter.Count / per,6:0.00}/{unit}  mean {counter.TotalMilliseconds / counter.Count,7:0.0} ms"));
        }
    }

    private void Record(Activity activity)
    {
        var url = activity.GetTagItem("url.full") as string;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return;
        }
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        var at = path.IndexOf(_account, StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }
        var resource = path[(at + _account.Length)..];
        var end = resource.IndexOfAny(['/', '(']);
        var target = end < 0 ? resource : resource[..end];
        var method = activity.GetTagItem("http.request.method") as string ?? "?";
        var detail = resource.Contains('(', StringComparison.Ordinal) && resource.EndsWith("()", StringComparison.Ordinal) ? " query"
            : uri.Query.Contains("comp=lease", StringComparison.Ordinal) ? " lease"
            : uri.Query.Contains("comp=list", StringComparison.Ordinal) || uri.Query.Contains("restype=container", StringComparison.Ordinal) && method == "GET" ? " list"
            : "";
        var counter = _counts.GetOrAdd($"{method} {target}{detail}", _ => new Counter());
        counter.Add(activity.Duration.TotalMilliseconds);
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Counter
    {
        private long _count;
        private double _milliseconds;

        public long Count => Interlocked.Read(ref _count);

        public double TotalMilliseconds
        {
            get
            {
                lock (this)
                {
                    return _milliseconds;
                }
            }
        }

        public void Add(double milliseconds)
        {
            Interlocked.Increment(ref _count);
            lock (this)
            {
                _milliseconds += milliseconds;
            }
        }
    }
}
