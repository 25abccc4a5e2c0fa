using Gongkai.Storage;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the singleton <see cref="StorageAccount"/> read from the <c>AzureWebJobsStorage</c> setting(s).</summary>
    public static IServiceCollection AddGongkaiStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        return services;
    }
}
