using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Gongkai.Functions.Storage;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BlobServiceClient"/>, <see cref="QueueServiceClient"/> and <see cref="TableServiceClient"/>
    /// through <c>AddAzureClients</c>, from the <c>AzureWebJobsStorage</c> setting(s) (<see cref="StorageConnectionOptions"/>),
    /// validated at startup.
    /// </summary>
    public static IServiceCollection AddGongkaiStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageConnectionOptions>()
            .Bind(configuration.GetSection(StorageConnectionOptions.SettingName))
            .Configure(o => o.ConnectionString = configuration[StorageConnectionOptions.SettingName])
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageConnectionOptions>, StorageConnectionValidator>());

        // AddAzureClients forwards the SDKs' event sources to ILogger. Azure.Core logs every request at Information and every
        // 4xx answer at Warning, including the 404/409/412 the stores expect (a blob stored before, a lost race): a line per
        // storage call. What fails is recorded by the app itself (Failures rows, exceptions, telemetry), so only errors pass.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Error));
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(sp => Connection(sp).CreateCredential());
            clients.ConfigureDefaults(options =>
            {
                options.Retry.Mode = RetryMode.Exponential;
                options.Retry.MaxRetries = 5;
                options.Retry.Delay = TimeSpan.FromMilliseconds(500);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
            });
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) => Connection(sp).CreateBlobServiceClient(options, credential));
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) => Connection(sp).CreateQueueServiceClient(options, credential))
                .ConfigureOptions(StorageConnectionOptions.Configure);
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) => Connection(sp).CreateTableServiceClient(options, credential));
        });
        return services;
    }

    private static StorageConnectionOptions Connection(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageConnectionOptions>>().Value;
}
