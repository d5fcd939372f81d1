using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using SampleMind.Api;
using SampleMind.Deploy.Tests.Parsing;
using SampleMind.Runtime.Hosting;
using SampleMind.TestSupport;
using YamlDotNet.RepresentationModel;

namespace SampleMind.Deploy.Tests;

/// <summary>
/// Every setting the manifests pass is one the hosts read: each environment variable of compose.yaml and of the
/// Kubernetes ConfigMap, Secret and containers, checked against the sections the API host registers (it runs every
/// role, so its sections are those of the silo and GPU worker hosts too).
/// </summary>
public sealed class SettingsNamesTests
{
    private static readonly IReadOnlyList<KnownSettingsSection> s_sections = HostSections();

    [Fact]
    public void Compose_services_set_only_settings_the_hosts_read()
    {
        var compose = YamlFile.LoadDocuments(DeployFiles.Compose).Single();
        var services = compose.Map("services")!.Children;
        var checkedServices = 0;
        foreach (var (name, service) in services.Select(p => (((YamlScalarNode)p.Key).Value!, p.Value)))
        {
            var environment = service.Scalars("environment");
            if (!environment.Keys.Any(k => k.StartsWith("Silo__", StringComparison.Ordinal)))
            {
                continue; // postgres
            }

            Assert.True(Unknown(environment).Count == 0, $"{name}: {string.Join(" ", Unknown(environment))}");
            checkedServices++;
        }

        Assert.Equal(5, checkedServices);
    }

    [Fact]
    public void Kubernetes_config_and_containers_set_only_settings_the_hosts_read()
    {
        var objects = DeployFiles.KubernetesObjects();
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in objects.Where(o => o.Kind is "ConfigMap" or "Secret"))
        {
            foreach (var (key, value) in source.Root.Scalars("data").Concat(source.Root.Scalars("stringData")))
            {
                shared[key] = value;
            }
        }

        var containers = objects.Where(o => o.Kind == "Deployment")
            .SelectMany(d => d.Root.Items("spec", "template", "spec", "containers"))
            .ToList();
        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            var environment = new Dictionary<string, string>(shared, StringComparer.Ordinal);
            foreach (var variable in container.Items("env"))
            {
                environment[variable.Text("name")!] = variable.Text("value") ?? "from-field";
            }

            Assert.True(Unknown(environment).Count == 0, $"{container.Text("name")}: {string.Join(" ", Unknown(environment))}");
        }
    }

    [Fact]
    public void The_check_names_a_setting_in_the_wrong_section_and_leaves_other_sections_alone()
    {
        var problems = Unknown(new Dictionary<string, string>
        {
            ["Silo__AdvertisedAddress"] = "http://silo-1:8080", // Cluster__AdvertisedAddress, as the manifests had it
            ["Ingest__MaxFileByte"] = "1",
            ["Cluster__AdvertisedAddress"] = "http://silo-1:8080",
            ["Silo__SharedDirectory"] = "/data/shared",
            ["Compute__BlobDirectory"] = "/data/blobs",
            ["Logging__LogLevel__Default"] = "Information",
            ["DOTNET_shutdownTimeoutSeconds"] = "45",
        });

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Ingest:MaxFileByte is not a setting; Ingest takes ", problems[0], StringComparison.Ordinal);
        Assert.Contains("MaxFileBytes", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Silo:AdvertisedAddress is not a setting; Silo takes ", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_the_hosts_read_is_in_the_readmes_configuration_table()
    {
        // Rows look like "| `Ingest` | `MaxFileBytes` / `MaxUploadBytes` | ... |": the options cell names the keys.
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "README.md")))
        {
            var row = Regex.Match(line, @"^\| `(?<section>[A-Za-z]+)` \| (?<keys>[^|]+) \|");
            foreach (Match key in Regex.Matches(row.Groups["keys"].Value, @"`(?<key>[A-Za-z]+)[^`]*`"))
            {
                documented.Add(row.Groups["section"].Value + ":" + key.Groups["key"].Value);
            }
        }

        var settings = s_sections.SelectMany(s => KnownSettings.Keys(s).Select(k => s.Name + ":" + k)).Distinct().ToList();
        Assert.Contains("Ingest:MaxFileBytes", settings);
        var undocumented = settings.Where(k => !documented.Contains(k)).ToList();
        Assert.True(undocumented.Count == 0, "not in the README's configuration table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Every_option_the_hosts_bind_is_read_by_the_code_not_only_declared_and_validated()
    {
        // A setting users can set and the README documents, which nothing reads, does nothing: Api:MaxJsonBodyBytes and
        // AudioAnalyzerOptions:DuplicateThreshold were such settings. Looked for as ".Name" in the product's sources other
        // than the options class itself and its validator.
        var sources = new[] { "Api", "Audio", "Collaboration", "GpuWorker", "Grains", "Runtime", "Scheduling", "Search", "Silo", "Cli" }
            .Select(folder => Path.Combine(RepoPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(file => (Name: Path.GetFileNameWithoutExtension(file), Text: File.ReadAllText(file)))
            .ToList();
        var unread = new List<string>();
        foreach (var section in s_sections.Where(s => s.OptionsType is not null))
        {
            var type = section.OptionsType!;
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var reference = new Regex($@"\.{property.Name}\b");
                if (!sources.Any(f => f.Name != type.Name && f.Name != type.Name + "Validator" && reference.IsMatch(f.Text)))
                {
                    unread.Add($"{section.Name}:{property.Name}");
                }
            }
        }

        Assert.Contains(s_sections, s => s.OptionsType?.Name == "IngestOptions");
        Assert.True(unread.Count == 0, "bound and documented, read by nothing: " + string.Join(", ", unread));
    }

    private static IReadOnlyList<string> Unknown(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value)))
            .Build();
        return KnownSettings.UnknownKeys(configuration, s_sections);
    }

    private static List<KnownSettingsSection> HostSections()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.AddSampleMindApi();
        var sections = builder.Services.Select(d => d.ImplementationInstance).OfType<KnownSettingsSection>().ToList();
        Assert.Contains(sections, s => s.Name == "Api");
        Assert.Contains(sections, s => s.Name == "OnnxRuntime");
        return sections;
    }
}
