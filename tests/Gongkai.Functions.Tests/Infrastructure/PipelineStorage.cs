using Gongkai.Storage;
using Gongkai.Testing;

namespace Gongkai.Functions.Tests.Infrastructure;

/// <summary>
/// A private Azurite for this project's pipeline tests: the function app uses the fixed container, queue and table
/// names it uses in Azure, so it gets an emulator of its own instead of sharing the run's.
/// </summary>
public sealed class PipelineStorage : IAsyncLifetime
{
    private AzuriteServer? _server;

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public StorageAccount Account => StorageAccount.FromConnectionString(ConnectionString);

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineStorage>
{
    public const string Name = "pipeline";
}
