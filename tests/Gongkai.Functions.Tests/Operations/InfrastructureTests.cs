using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongkai.Harvest.Stores;

namespace Gongkai.Functions.Tests.Operations;

/// <summary>Keeps infra/ in step with the code, and checks across Bicep files what a Bicep compiler would.</summary>
public sealed partial class InfrastructureTests
{
    private const string MainBicep = "infra/main.bicep";
    private const string FunctionAppBicep = "infra/app/function-app.bicep";
    private const string StorageBicep = "infra/app/storage.bicep";

    public static TheoryData<string> BicepFiles() => new(BicepFilePaths());

    private static IEnumerable<string> BicepFilePaths() =>
        Directory.EnumerateFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Repository.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// Azurite reports a sample of its requests to Microsoft unless told not to. Tests, benchmarks and the demo must talk
    /// only to servers they start on loopback, so every place that launches it turns that off and binds 127.0.0.1.
    /// </summary>
    [Theory]
    [InlineData("eng/azurite.sh")]
    [InlineData("src/Gongkai.Functions/LocalHost/AzuriteLauncher.cs")]
    [InlineData("tests/Gongkai.Testing/AzuriteServer.cs")]
    public void Every_Azurite_launch_stays_on_loopback_and_sends_no_telemetry(string launcher)
    {
        var code = Repository.Read(launcher);
        Assert.Contains("--disableTelemetry", code, StringComparison.Ordinal);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Matches($"--{service}Host\"?,? \"?127\\.0\\.0\\.1", code);
        }
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_strings_braces_and_brackets_are_balanced(string file)
    {
        var code = BicepFile.Load(file).CodeOnly;
        Assert.Equal(code.Count(c => c == '{'), code.Count(c => c == '}'));
        Assert.Equal(code.Count(c => c == '['), code.Count(c => c == ']'));
        Assert.Equal(code.Count(c => c == '('), code.Count(c => c == ')'));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_modules_exist_and_get_exactly_the_parameters_they_declare(string file)
    {
        var bicep = BicepFile.Load(file);
        foreach (var module in bicep.Modules)
        {
            var modulePath = Path.GetRelativePath(Repository.Root, Path.Combine(Path.GetDirectoryName(Repository.PathOf(file))!, module.Path));
            Assert.True(File.Exists(Repository.PathOf(modulePath)), $"{file}: module {module.Symbol} refers to missing {module.Path}");
            var declared = BicepFile.Load(modulePath).Parameters;
            var unknown = module.PassedParameters.Where(p => !declared.ContainsKey(p)).ToList();
            Assert.True(unknown.Count == 0, $"{file}: module {module.Symbol} passes undeclared parameters {string.Join(", ", unknown)}");
            var missing = declared.Where(p => !p.Value && !module.PassedParameters.Contains(p.Key)).Select(p => p.Key).ToList();
            Assert.True(missing.Count == 0, $"{file}: module {module.Symbol} does not pass required parameters {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Main_bicep_uses_only_outputs_its_modules_declare()
    {
        var main = BicepFile.Load(MainBicep);
        var modules = main.Modules.ToDictionary(m => m.Symbol, m => BicepFile.Load("infra/" + m.Path).Outputs);
        var uses = ModuleOutputUse().Matches(main.Text).Select(m => (Module: m.Groups["module"].Value, Output: m.Groups["output"].Value)).ToList();
        Assert.NotEmpty(uses);
        foreach (var (module, output) in uses)
        {
            Assert.True(modules.ContainsKey(module), $"main.bicep uses outputs of unknown module {module}");
            Assert.True(modules[module].Contains(output), $"main.bicep uses {module}.outputs.{output}, which infra/{main.Modules.Single(m => m.Symbol == module).Path} does not declare");
        }
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Bicep_loads_only_files_that_exist(string file)
    {
        foreach (var loaded in BicepFile.Load(file).LoadedFiles)
        {
            var path = Path.Combine(Path.GetDirectoryName(Repository.PathOf(file))!, loaded);
            Assert.True(File.Exists(path), $"{file} loads missing {loaded}");
        }
    }

    [Fact]
    public void Parameters_file_sets_every_required_parameter_and_only_declared_ones()
    {
        var declared = BicepFile.Load(MainBicep).Parameters;
        using var parameters = JsonDocument.Parse(Repository.Read("infra/main.parameters.json"));
        var set = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        var undeclared = set.Where(p => !declared.ContainsKey(p)).ToList();
        var unset = declared.Where(p => !p.Value && !set.Contains(p.Key)).Select(p => p.Key).ToList();
        Assert.True(undeclared.Count == 0, $"main.parameters.json sets undeclared parameters {string.Join(", ", undeclared)}");
        Assert.True(unset.Count == 0, $"main.parameters.json does not set required parameters {string.Join(", ", unset)}");
    }

    [Fact]
    public void Every_container_queue_and_table_the_code_uses_is_created()
    {
        var main = BicepFile.Load(MainBicep);
        var created = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Container"] = main.StringArray("blobContainerNames"),
            ["Queue"] = main.StringArray("queueNames"),
            ["Table"] = main.StringArray("tableNames"),
        };
        var names = typeof(StorageNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToList();
        Assert.Contains(names, f => f.Name == nameof(StorageNames.RawReportsContainer));
        foreach (var field in names)
        {
            var kind = created.Keys.SingleOrDefault(k => field.Name.EndsWith(k, StringComparison.Ordinal));
            Assert.True(kind is not null, $"StorageNames.{field.Name}: name it …Container, …Queue or …Table so infra knows what to create");
            var value = (string)field.GetRawConstantValue()!;
            Assert.True(created[kind].Contains(value), $"StorageNames.{field.Name} = \"{value}\" is not created by {MainBicep} (var {kind.ToLowerInvariant()} names)");
        }
    }

    [Fact]
    public void Every_setting_the_app_reads_is_in_the_local_sample_and_set_in_Azure()
    {
        var sample = AppSettings.LocalSettingsSample().Keys.ToList();
        var azure = BicepFile.Load(FunctionAppBicep).ObjectKeysOfResource("appSettings").ToList();
        var read = AppSettings.ReadByTheApp();
        Assert.Contains("HarvestSchedule", read);
        var notInSample = read.Where(s => !AppSettings.IsDeclared(s, sample)).ToList();
        var notInAzure = read.Where(s => !AppSettings.IsDeclared(s, azure) && !AppSettings.LocalOnly.Contains(s)).ToList();
        Assert.True(notInSample.Count == 0, $"local.settings.sample.json lacks {string.Join(", ", notInSample)}");
        Assert.True(notInAzure.Count == 0, $"{FunctionAppBicep} (appSettings) lacks {string.Join(", ", notInAzure)}");
    }

    [Fact]
    public void Every_setting_set_in_Azure_is_known_to_the_local_sample()
    {
        var sample = AppSettings.LocalSettingsSample();
        var azure = BicepFile.Load(FunctionAppBicep).ObjectKeysOfResource("appSettings");
        Assert.NotEmpty(azure);
        foreach (var setting in azure)
        {
            var family = setting.Split("__")[0];
            Assert.True(sample.ContainsKey(setting) || sample.ContainsKey(family), $"{setting} is set in Azure but not in local.settings.sample.json");
        }
    }

    [Fact]
    public void The_runtime_is_the_isolated_worker_locally_and_in_Azure()
    {
        Assert.Equal("dotnet-isolated", AppSettings.LocalSettingsSample()["FUNCTIONS_WORKER_RUNTIME"]);
        var functionApp = BicepFile.Load(FunctionAppBicep).Text;
        Assert.Matches(@"runtime: \{\s*name: 'dotnet-isolated'\s*version: '10.0'", functionApp);
        Assert.Contains("kind: 'functionapp,linux'", functionApp, StringComparison.Ordinal);
        Assert.Contains("name: 'FC1'", functionApp, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_is_reached_with_an_identity_never_a_key()
    {
        var storage = BicepFile.Load(StorageBicep).Text;
        Assert.Contains("allowSharedKeyAccess: false", storage, StringComparison.Ordinal);
        Assert.Contains("allowBlobPublicAccess: false", storage, StringComparison.Ordinal);
        Assert.Contains("minimumTlsVersion: 'TLS1_2'", storage, StringComparison.Ordinal);

        var functionApp = BicepFile.Load(FunctionAppBicep);
        var settings = functionApp.ObjectKeysOfResource("appSettings");
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        Assert.Contains("AzureWebJobsStorage__credential", settings);
        Assert.Contains("AzureWebJobsStorage__clientId", settings);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings);
        foreach (var file in BicepFilePaths().Where(f => !f.EndsWith("blob-trigger-subscription.bicep", StringComparison.Ordinal)))
        {
            var text = BicepFile.Load(file).Text;
            Assert.DoesNotContain("listKeys", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey", text, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_workbook_runs_the_saved_queries_verbatim()
    {
        using var workbook = JsonDocument.Parse(Repository.Read("infra/workbook.json"));
        var queries = workbook.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("type").GetInt32() == 3)
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("content").GetProperty("query").GetString()!);
        var saved = Directory.EnumerateFiles(Repository.PathOf("infra/queries"), "*.kql")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);
        Assert.Equal(saved.Keys.Order(), queries.Keys.Order());
        foreach (var (name, query) in saved)
        {
            Assert.True(query == queries[name], $"workbook item '{name}' differs from infra/queries/{name}.kql: copy the file's text into the item's query");
        }
    }

    [Fact]
    public void Every_alert_rule_runs_a_saved_query()
    {
        var alerts = BicepFile.Load("infra/app/alerts.bicep");
        var loaded = alerts.LoadedFiles.Select(f => Path.GetFileName(f)).Order().ToList();
        var files = Directory.EnumerateFiles(Repository.PathOf("infra/queries/alerts"), "*.kql").Select(f => Path.GetFileName(f)).Order().ToList();
        Assert.Equal(3, loaded.Count);
        Assert.Equal(files, loaded);
    }

    [GeneratedRegex(@"\b(?<module>\w+)\.outputs\.(?<output>\w+)")]
    private static partial Regex ModuleOutputUse();
}
