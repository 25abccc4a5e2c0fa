using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Gongkai.Functions.Hosting;
using Gongkai.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>
/// Runs the handler at the most verbose log level through successes and failures — including every storage call
/// failing authentication — and checks that no log line, property or exception carries a storage key, a SAS token or
/// a connection string.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed partial class LogRedactionTests(PipelineStorage storage)
{
    [Fact]
    public async Task No_log_line_carries_a_storage_key_SAS_token_or_connection_string()
    {
        var logs = new CapturingLoggerProvider();
        var accountKey = AccountKey().Match(storage.ConnectionString).Groups["key"].Value;
        Assert.NotEmpty(accountKey);
        // A well-formed key the emulator does not know: every storage request fails with 403.
        var wrongKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("not the key of this account, 64 bytes long, for signing requests"));
        var wrongConnectionString = storage.ConnectionString.Replace(accountKey, wrongKey, StringComparison.Ordinal);

        await ExerciseAsync(storage.ConnectionString, logs);
        await ExerciseAsync(wrongConnectionString, logs);

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Level >= LogLevel.Warning);
        Assert.Contains(lines, l => l.Text.Contains("403", StringComparison.Ordinal) || l.Text.Contains("AuthorizationFailure", StringComparison.Ordinal)
            || l.Text.Contains("Forbidden", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            foreach (var secret in new[] { accountKey, wrongKey, "AccountKey=", "SharedAccessSignature=", "SharedKey devstoreaccount1:" })
            {
                Assert.False(line.Text.Contains(secret, StringComparison.Ordinal), $"{line.Category} logged a secret ({secret[..Math.Min(12, secret.Length)]}…): {line.Text}");
            }
            Assert.False(SasSignature().IsMatch(line.Text), $"{line.Category} logged a SAS signature: {line.Text}");
        }
    }

    private static async Task ExerciseAsync(string connectionString, CapturingLoggerProvider logs)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Gongkai:Harvest:ContactUrl"] = "https://example.org/gongkai-tests",
            ["Logging:LogLevel:Default"] = "Trace",
        };
        var app = GongkaiHost.Build(new HostSettings
        {
            Port = 0,
            Triggers = false,
            Overrides = overrides,
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs),
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
            var sys = new { MethodName = "x", UtcNow = DateTimeOffset.UtcNow.ToString("O"), RandGuid = Guid.NewGuid().ToString() };
            (await http.GetAsync(new Uri("/api/health", UriKind.Relative))).Dispose();
            (await http.GetAsync(new Uri("/api/reports?agency=%27%20or%201%20eq%201", UriKind.Relative))).Dispose();
            (await http.PostAsJsonAsync(new Uri("/ScheduleHarvest", UriKind.Relative),
                new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { sys } })).Dispose();
            (await http.PostAsJsonAsync(new Uri("/HarvestPortal", UriKind.Relative),
                new { Data = new { request = "no-such-portal" }, Metadata = new { DequeueCount = 1, Id = Guid.NewGuid(), sys } })).Dispose();
            (await http.PostAsJsonAsync(new Uri("/ParseReport", UriKind.Relative),
                new { Data = new { report = Convert.ToBase64String("<html><body>x</body></html>"u8.ToArray()) }, Metadata = new { name = "gov-x/2023/missing.html", sys } })).Dispose();
            (await http.PostAsync(new Uri("/ParseReport", UriKind.Relative), new StringContent("{ not json", Encoding.UTF8, "application/json"))).Dispose();
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [GeneratedRegex(@"AccountKey=(?<key>[^;]+)")]
    private static partial Regex AccountKey();

    [GeneratedRegex(@"[?&]sig=[^&\s""]{10,}", RegexOptions.IgnoreCase)]
    private static partial Regex SasSignature();

    private sealed record LogLine(string Category, LogLevel Level, string Text);

    /// <summary>Every log call: the message, each structured property and the exception with its inner ones.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogLine> _lines = new();

        public IReadOnlyList<LogLine> Lines => _lines.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new StringBuilder(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> properties)
                {
                    foreach (var (key, value) in properties)
                    {
                        text.Append(" | ").Append(key).Append('=').Append(value);
                    }
                }
                if (exception is not null)
                {
                    text.Append(" | ").Append(exception);
                }
                lines.Enqueue(new LogLine(category, logLevel, text.ToString()));
            }
        }
    }
}
