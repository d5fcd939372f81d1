using SampleMind.Deploy.Tests.Parsing;
using YamlDotNet.RepresentationModel;

namespace SampleMind.Deploy.Tests;

/// <summary>deploy/compose.yaml read as YAML: structure and references, not a running engine.</summary>
public sealed class ComposeFileTests
{
    private readonly YamlMappingNode _compose = YamlFile.LoadDocuments(DeployFiles.Compose).Single();

    private IEnumerable<(string Name, YamlMappingNode Service)> Services =>
        (_compose.Map("services") ?? throw new InvalidDataException("compose.yaml has no services"))
            .Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, (YamlMappingNode)pair.Value));

    [Fact]
    public void Built_services_name_dockerfiles_that_exist()
    {
        var built = Services.Where(s => s.Service.At("build") is not null).ToList();
        Assert.True(built.Count >= 3, "silo, api and gpu-worker images are built here");
        foreach (var (name, service) in built)
        {
            var context = Path.GetFullPath(Path.Combine(DeployFiles.Root, service.Text("build", "context") ?? "."));
            var dockerfile = Path.Combine(context, service.Text("build", "dockerfile") ?? "Dockerfile");
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} exists");
            Assert.True(File.Exists(Path.Combine(context, "Cluster.sln")), $"{name}: the build context is the repository root");
        }
    }

    [Fact]
    public void Services_without_a_build_use_an_image_built_here_or_postgres_15()
    {
        var builtImages = Services.Where(s => s.Service.At("build") is not null).Select(s => s.Service.Text("image")).ToHashSet();
        foreach (var (name, service) in Services.Where(s => s.Service.At("build") is null))
        {
            var image = service.Text("image");
            Assert.True(builtImages.Contains(image) || image == "postgres:15", $"{name}: image {image}");
        }
    }

    [Fact]
    public void Published_ports_bind_to_loopback_only()
    {
        var ports = Services.SelectMany(s => s.Service.Items("ports").Select(p => (s.Name, Port: ((YamlScalarNode)p).Value ?? ""))).ToList();
        Assert.Contains(ports, p => p.Name == "api");
        foreach (var (name, port) in ports)
        {
            Assert.True(port.StartsWith("127.0.0.1:", StringComparison.Ordinal), $"{name} publishes {port} on loopback");
        }
    }

    [Fact]
    public void Three_cpu_silos_and_the_api_run_in_cluster_mode_on_the_postgres_service()
    {
        Assert.Equal("postgres:15", Services.Single(s => s.Name == "postgres").Service.Text("image"));
        var members = Services.Where(s => s.Service.Scalars("environment").ContainsKey("Silo__Roles__0")).ToList();
        Assert.Equal(3, members.Count(m => m.Service.Scalars("environment")["Silo__Roles__0"] == "cpu"));
        Assert.Single(members, m => m.Service.Scalars("environment")["Silo__Roles__0"] == "api");
        foreach (var (name, service) in members)
        {
            var environment = service.Scalars("environment");
            Assert.True(environment["Cluster__Mode"] == "cluster", $"{name} is in cluster mode");
            Assert.StartsWith("Host=postgres;", environment["Cluster__Postgres"], StringComparison.Ordinal);
            Assert.Equal("service_healthy", service.Text("depends_on", "postgres", "condition"));
        }
    }

    [Fact]
    public void Every_samplemind_service_reports_ready_through_the_health_endpoint()
    {
        foreach (var (name, service) in Services.Where(s => s.Service.Text("image")?.StartsWith("samplemind/", StringComparison.Ordinal) == true))
        {
            var test = service.Items("healthcheck", "test").Select(n => ((YamlScalarNode)n).Value);
            Assert.True(test.Any(t => t?.EndsWith("/v1/health/ready", StringComparison.Ordinal) == true), $"{name} checks /v1/health/ready");
        }
    }

    [Fact]
    public void Gpu_worker_is_optional_and_reserves_an_nvidia_gpu()
    {
        var gpu = Services.Single(s => s.Name == "gpu-worker").Service;
        Assert.Contains(gpu.Items("profiles"), p => ((YamlScalarNode)p).Value == "gpu");
        var device = gpu.Items("deploy", "resources", "reservations", "devices").Single();
        Assert.Equal("nvidia", device.Text("driver"));
        Assert.Contains(device.Items("capabilities"), c => ((YamlScalarNode)c).Value == "gpu");
        var environment = gpu.Scalars("environment");
        Assert.Equal("gpu", environment["Silo__Roles__0"]);
        Assert.False(string.IsNullOrEmpty(environment["OnnxRuntime__LibraryPath"]));
        Assert.All(Services.Where(s => s.Name != "gpu-worker"), s => Assert.Null(s.Service.At("profiles")));
    }

    [Fact]
    public void Every_silo_mounts_one_named_volume_at_its_shared_directory_and_has_an_id_of_its_own()
    {
        // Uploads posted to the api silo are analysed by cpu silos, and shards and compute outputs move between silos:
        // Silo:SharedDirectory must be one volume in every container, not each container's own /data.
        var members = Services.Where(s => s.Service.Scalars("environment").ContainsKey("Silo__Roles__0")).ToList();
        var sharedVolumes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, service) in members)
        {
            var environment = service.Scalars("environment");
            Assert.True(environment.TryGetValue("Silo__SharedDirectory", out var shared), $"{name} sets Silo__SharedDirectory");
            var mount = service.Items("volumes").Select(v => ((YamlScalarNode)v).Value!.Split(':')).SingleOrDefault(m => m[1] == shared);
            Assert.True(mount is not null, $"{name} mounts a volume at {shared}");
            sharedVolumes.Add(mount[0]);
            Assert.False(environment.ContainsKey("Api__UploadDirectory"), $"{name} keeps uploads under the shared folder");
        }

        Assert.Single(sharedVolumes);
        var ids = members.Select(m => m.Service.Scalars("environment").GetValueOrDefault("Silo__SiloId")).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Dependencies_and_named_volumes_refer_to_what_the_file_defines()
    {
        var names = Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var volumes = _compose.Map("volumes")?.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet() ?? [];
        foreach (var (name, service) in Services)
        {
            foreach (var dependency in service.Map("depends_on")?.Children.Keys ?? [])
            {
                Assert.True(names.Contains(((YamlScalarNode)dependency).Value!), $"{name} depends on {dependency}");
            }

            foreach (var mount in service.Items("volumes").Select(v => ((YamlScalarNode)v).Value ?? ""))
            {
                var source = mount.Split(':')[0];
                Assert.True(source.StartsWith('.') || source.StartsWith('/') || volumes.Contains(source), $"{name} mounts {source}");
            }
        }
    }
}
