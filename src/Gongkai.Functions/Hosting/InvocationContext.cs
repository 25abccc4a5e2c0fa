using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Hosting;

/// <summary>One invocation of a function: its id, a logger whose lines also go back to the host, cancellation.</summary>
public sealed class InvocationContext
{
    private readonly List<string> _logs = [];

    public InvocationContext(string functionName, string invocationId, ILogger logger, CancellationToken cancellationToken)
    {
        FunctionName = functionName;
        InvocationId = invocationId;
        Logger = new InvocationLogger(logger, this);
        CancellationToken = cancellationToken;
    }

    public string FunctionName { get; }

    public string InvocationId { get; }

    /// <summary>Structured logging for the app, and the formatted line for the host's <c>Logs</c>.</summary>
    public ILogger Logger { get; }

    public CancellationToken CancellationToken { get; }

    public IReadOnlyList<string> Logs
    {
        get
        {
            lock (_logs)
            {
                return [.. _logs];
            }
        }
    }

    internal void AddLog(string line)
    {
        lock (_logs)
        {
            _logs.Add(line);
        }
    }

    private sealed class InvocationLogger(ILogger inner, InvocationContext context) : ILogger
    {
        private const LogLevel HostLevel = LogLevel.Information;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        // The host's Logs get Information and above whatever the app's own log filter says: host.json's logging
        // decides what the host keeps, and a quiet console must not empty the invocation log.
        public bool IsEnabled(LogLevel logLevel) => logLevel >= HostLevel || inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (inner.IsEnabled(logLevel))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
            if (logLevel >= HostLevel && logLevel != LogLevel.None)
            {
                // The exception's message only: stack traces stay in the app's own telemetry.
                var line = formatter(state, exception);
                context.AddLog(exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})");
            }
        }
    }
}
