using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Gongkai.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gongkai.Functions.Tests.Storage;

/// <summary>The storage clients come from the host's settings, and a bad setting stops startup with its name.</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void Development_storage_is_azurite_on_its_default_ports()
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal("devstoreaccount1", services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Fact]
    public void Identity_based_settings_give_clients_for_the_three_service_uris()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://stgongkai.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stgongkai.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stgongkai.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://stgongkai.blob.core.windows.net"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://stgongkai.queue.core.windows.net"), services.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal("stgongkai", services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Theory]
    [InlineData(null, null, null, null, "set 'AzureWebJobsStorage' to a connection string")]
    [InlineData("AccountName=x;AccountKey=not-base64!", null, null, null, "'AzureWebJobsStorage' is not a usable storage connection string")]
    [InlineData(null, "https://a.blob.core.windows.net", null, null, "missing: 'AzureWebJobsStorage__queueServiceUri', 'AzureWebJobsStorage__tableServiceUri'")]
    [InlineData(null, "blob.core.windows.net", "https://a.queue.core.windows.net", null, "'AzureWebJobsStorage__blobServiceUri' is not an absolute http(s) URL")]
    [InlineData(null, "https://a.blob.core.windows.net", "https://a.queue.core.windows.net", "sharedkey", "'AzureWebJobsStorage__credential' is 'sharedkey'")]
    public void A_bad_or_missing_setting_stops_startup_naming_it(string? connectionString, string? blob, string? queue, string? credential, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["AzureWebJobsStorage:blobServiceUri"] = blob,
            ["AzureWebJobsStorage:queueServiceUri"] = queue,
            ["AzureWebJobsStorage:tableServiceUri"] = blob is null || queue is null ? null : "https://a.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = credential,
        };
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageConnectionOptions>>().Value);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<BlobServiceClient>());
    }

    [Fact]
    public void The_sdks_request_and_expected_error_lines_are_not_logged()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new ListeningProvider()))
            .AddGongkaiStorage(configuration)
            .BuildServiceProvider();
        var loggers = services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Information));
        Assert.False(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Azure.Core").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Gongkai.Functions.Records.ReportRecordWriter").IsEnabled(LogLevel.Information));
    }

    /// <summary>A provider whose loggers take every level, so only the filter rules decide.</summary>
    private sealed class ListeningProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }

        public void Dispose()
        {
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddGongkaiStorage(configuration).BuildServiceProvider();
    }
}
