using System.Diagnostics;
using System.Globalization;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.DataContracts;

namespace Gongkai.Functions.Telemetry;

/// <summary>
/// Sends the activities of ActivitySource "Gongkai" (a harvest run, each fetch) to Application Insights as
/// dependencies with their W3C ids, so a run, its fetches, the HTTP and storage calls inside them (collected by the
/// SDK) and the invocation that started it share one operation id and nest in the transaction view.
/// </summary>
public sealed class ActivityDependencyForwarder : IHostedService, IDisposable
{
    private readonly TelemetryClient _client;
    private ActivityListener? _listener;

    public ActivityDependencyForwarder(TelemetryClient client) => _client = client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ParseTelemetry.MeterName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Track,
        };
        ActivitySource.AddActivityListener(listener);
        _listener = listener;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Dispose();

    public static DependencyTelemetry ToDependency(Activity activity)
    {
        var dependency = new DependencyTelemetry
        {
            Name = activity.DisplayName,
            Type = activity.Kind == ActivityKind.Client ? "Gongkai.Client" : "InProc",
            Id = activity.SpanId.ToHexString(),
            Timestamp = activity.StartTimeUtc,
            Duration = activity.Duration,
            Success = activity.Status != ActivityStatusCode.Error,
        };
        dependency.Context.Operation.Id = activity.TraceId.ToHexString();
        if (activity.ParentSpanId != default)
        {
            dependency.Context.Operation.ParentId = activity.ParentSpanId.ToHexString();
        }
        foreach (var tag in activity.TagObjects)
        {
            dependency.Properties[tag.Key] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
        }
        if (activity.GetTagItem("gongkai.portal") is string portal)
        {
            dependency.Target = portal;
        }
        if (activity.Status == ActivityStatusCode.Error && activity.StatusDescription is { } description)
        {
            dependency.ResultCode = description;
        }
        return dependency;
    }

    private void Track(Activity activity) => _client.TrackDependency(ToDependency(activity));
}
