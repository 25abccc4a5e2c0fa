using System.Diagnostics.Metrics;

namespace Gongkai.Functions.Telemetry;

/// <summary>Which instruments the telemetry exporters listen to: the "Gongkai" meter of this app's meter factory.</summary>
internal static class GongkaiMeters
{
    /// <summary>
    /// Meters from <paramref name="meterFactory"/> (or unscoped ones) named "Gongkai". The scope check keeps two hosts
    /// in one process (tests) from exporting each other's measurements.
    /// </summary>
    public static bool IsOurs(Instrument instrument, IMeterFactory meterFactory) =>
        instrument.Meter.Name == ParseTelemetry.MeterName
        && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meterFactory));

    /// <summary>Starts a listener on this app's "Gongkai" instruments, one callback per numeric type they record.</summary>
    public static MeterListener Listen(
        IMeterFactory meterFactory,
        MeasurementCallback<long> onLong,
        MeasurementCallback<int> onInt,
        MeasurementCallback<double> onDouble)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (IsOurs(instrument, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback(onLong);
        listener.SetMeasurementEventCallback(onInt);
        listener.SetMeasurementEventCallback(onDouble);
        listener.Start();
        return listener;
    }

    /// <summary>A measurement as a double, whatever numeric type the instrument records.</summary>
    public static double ToDouble<T>(T value) where T : struct => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
}
