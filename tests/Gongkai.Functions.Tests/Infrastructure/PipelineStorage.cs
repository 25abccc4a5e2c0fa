using Gongkai.Testing;

namespace Gongkai.Functions.Tests.Infrastructure;

/// <summary>
/// A private Azurite for this project's pipeline tests: the function app uses the fixed container, queue and table
/// names it uses in Azure, so it gets an emulator of its own instead of sharing the run's.
/// </summary>
public sealed class PipelineStorage : IAsyncLifetime
{
    private readonly Dictionary<string, Task<object>> _shared = new(StringComparer.Ordinal);
    private AzuriteServer? _server;

    /// <summary>State set up once and shared by a test class's tests (xUnit builds a class instance per test).</summary>
    public Task<T> SharedAsync<T>(string key, Func<Task<T>> create) where T : class
    {
        lock (_shared)
        {
            if (!_shared.TryGetValue(key, out var task))
            {
                task = Create(create);
                _shared[key] = task;
            }
            return task.ContinueWith(t => (T)t.Result, TaskScheduler.Default);
        }

        static async Task<object> Create(Func<Task<T>> create) => await create();
    }

    public string ConnectionString => _server?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    public StorageClients Clients => StorageClients.For(ConnectionString);

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var shared in _shared.Values)
        {
            if (await shared is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
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
