using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongkai.Storage.Tests;

public sealed class StorageAccountTests
{
    [Fact]
    public void Development_storage_uses_Azurite_default_path_style_endpoints()
    {
        var account = StorageAccount.FromConnectionString("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1/raw-reports"), account.GetBlobContainer("raw-reports").Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1/CrawlState"), account.GetTable("CrawlState").Uri);
    }

    [Fact]
    public void Account_key_strings_default_to_https_and_the_public_cloud_suffix()
    {
        var cs = StorageConnectionString.Parse($"AccountName=gongkai;AccountKey={StorageConnectionString.DevelopmentAccountKey}");
        Assert.Equal(new Uri("https://gongkai.blob.core.windows.net"), cs.BlobEndpoint);
        Assert.Equal(new Uri("https://gongkai.queue.core.windows.net"), cs.QueueEndpoint);
        Assert.Equal(new Uri("https://gongkai.table.core.windows.net"), cs.TableEndpoint);

        var china = StorageConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=gk;AccountKey={StorageConnectionString.DevelopmentAccountKey};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(new Uri("https://gk.table.core.chinacloudapi.cn"), china.TableEndpoint);
        Assert.DoesNotContain(StorageConnectionString.DevelopmentAccountKey, china.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountKey=abc", "no AccountName")]
    [InlineData("AccountName=a", "no AccountKey")]
    [InlineData("AccountName=a;AccountKey=a2V5;SharedAccessSignature=sv=1", "SharedAccessSignature")]
    [InlineData("AccountName=a;AccountKey=a2V5;BlobEndpoint=ftp://x", "BlobEndpoint")]
    [InlineData("garbage", "without a name")]
    public void Bad_connection_strings_fail_with_a_specific_message(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_with_a_connection_string_gives_a_shared_key_account()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        using var services = new ServiceCollection().AddGongkaiStorage(configuration).BuildServiceProvider();
        var account = services.GetRequiredService<StorageAccount>();
        Assert.Same(account, services.GetRequiredService<StorageAccount>());
        Assert.Equal("devstoreaccount1", account.AccountName);
    }

    [Fact]
    public void Identity_based_configuration_reads_service_uris_the_way_the_Functions_host_does()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://gongkaist.blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://gongkaist.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://gongkaist.table.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();

        var account = StorageAccount.FromConfiguration(configuration);

        Assert.Equal("gongkaist", account.AccountName);
        Assert.Equal(new Uri("https://gongkaist.table.core.windows.net"), account.TableEndpoint);
    }

    [Fact]
    public void Identity_based_configuration_accepts_an_account_name_alone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:accountName"] = "gongkaist" }).Build();
        var account = StorageAccount.FromConfiguration(configuration, "Storage");
        Assert.Equal(new Uri("https://gongkaist.queue.core.windows.net"), account.QueueEndpoint);
    }

    [Fact]
    public void Missing_or_partial_configuration_names_the_settings_to_set()
    {
        var empty = new ConfigurationBuilder().Build();
        var none = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(empty));
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", none.Message, StringComparison.Ordinal);

        var partial = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage:blobServiceUri"] = "https://a.blob.core.windows.net" }).Build();
        var missing = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(partial));
        Assert.Contains("queueServiceUri, tableServiceUri", missing.Message, StringComparison.Ordinal);

        var wrongCredential = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["S:accountName"] = "a", ["S:credential"] = "clientsecret" }).Build();
        Assert.Contains("managedidentity", Assert.Throws<InvalidOperationException>(() => StorageAccount.FromConfiguration(wrongCredential, "S")).Message, StringComparison.Ordinal);
    }
}
