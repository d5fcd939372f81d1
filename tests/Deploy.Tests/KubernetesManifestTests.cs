using System.Globalization;
using SampleMind.Deploy.Tests.Parsing;
using YamlDotNet.RepresentationModel;

namespace SampleMind.Deploy.Tests;

/// <summary>deploy/k8s read as YAML: required fields and the references between objects.</summary>
public sealed class KubernetesManifestTests
{
    private const string Namespace = "samplemind";
    private readonly IReadOnlyList<KubernetesObject> _objects = DeployFiles.KubernetesObjects();

    [Fact]
    public void Every_yaml_file_parses_and_every_object_has_api_version_kind_name_and_namespace()
    {
        Assert.All(DeployFiles.AllYaml(), file => Assert.NotEmpty(YamlFile.LoadDocuments(file)));
        Assert.NotEmpty(_objects);
        foreach (var o in _objects)
        {
            Assert.False(string.IsNullOrEmpty(o.Root.Text("apiVersion")), $"{o} has apiVersion");
            Assert.False(string.IsNullOrEmpty(o.Kind), $"{o.File}: a document has a kind");
            Assert.False(string.IsNullOrEmpty(o.Name), $"{o} has metadata.name");
            Assert.Equal(o.Kind == "Namespace" ? null : Namespace, o.Root.Text("metadata", "namespace"));
        }

        Assert.Contains(_objects, o => o.Kind == "Namespace" && o.Name == Namespace);
    }

    [Fact]
    public void Deployments_select_their_template_labels_and_run_images()
    {
        var deployments = Of("Deployment").ToList();
        Assert.Equal(3, deployments.Count);
        foreach (var d in deployments)
        {
            var selector = d.Root.Scalars("spec", "selector", "matchLabels");
            var labels = d.Root.Scalars("spec", "template", "metadata", "labels");
            Assert.NotEmpty(selector);
            Assert.All(selector, pair => Assert.Equal(pair.Value, labels.GetValueOrDefault(pair.Key)));
            var containers = Containers(d);
            Assert.NotEmpty(containers);
            Assert.All(containers, c => Assert.StartsWith("samplemind/", c.Text("image"), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Silo_deployment_runs_three_replicas_with_health_probes_and_a_graceful_drain()
    {
        var silo = Single("Deployment", "samplemind-silo");
        Assert.Equal("3", silo.Root.Text("spec", "replicas"));
        var container = Containers(silo).Single();
        Assert.Equal("/v1/health/ready", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/v1/health/live", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("cpu", EnvValue(container, "Silo__Roles__0"));

        var preStop = container.Items("lifecycle", "preStop", "exec", "command").Select(n => ((YamlScalarNode)n).Value).ToList();
        Assert.Equal("sleep", preStop[0]);
        var grace = int.Parse(silo.Root.Text("spec", "template", "spec", "terminationGracePeriodSeconds")!, CultureInfo.InvariantCulture);
        var shutdown = int.Parse(ConfigValue("DOTNET_shutdownTimeoutSeconds"), CultureInfo.InvariantCulture);
        var pause = int.Parse(preStop[1]!, CultureInfo.InvariantCulture);
        Assert.True(pause + shutdown < grace, $"preStop {pause} s + shutdown {shutdown} s fit in the {grace} s grace period");
    }

    [Fact]
    public void Pod_disruption_budget_keeps_two_silos_and_selects_the_silo_pods()
    {
        var budget = Of("PodDisruptionBudget").Single();
        Assert.Equal("2", budget.Root.Text("spec", "minAvailable"));
        var selector = budget.Root.Scalars("spec", "selector", "matchLabels");
        Assert.NotEmpty(selector);
        foreach (var d in Of("Deployment"))
        {
            var labels = d.Root.Scalars("spec", "template", "metadata", "labels");
            var selects = selector.All(pair => labels.GetValueOrDefault(pair.Key) == pair.Value);
            Assert.True(selects == (d.Name == "samplemind-silo"), $"the budget {(selects ? "selects" : "skips")} {d.Name}");
        }
    }

    [Fact]
    public void Gpu_worker_requests_one_gpu_on_the_gpu_node_pool()
    {
        var gpu = Single("Deployment", "samplemind-gpu-worker");
        var pod = gpu.Root.Map("spec", "template", "spec")!;
        Assert.NotEmpty(pod.Scalars("nodeSelector"));
        Assert.Contains(pod.Items("tolerations"), t => t.Text("key") == "nvidia.com/gpu" && t.Text("effect") == "NoSchedule");
        var container = Containers(gpu).Single();
        Assert.Equal("1", container.Text("resources", "limits", "nvidia.com/gpu"));
        Assert.Equal("gpu", EnvValue(container, "Silo__Roles__0"));
        Assert.StartsWith("/opt/onnxruntime/", EnvValue(container, "OnnxRuntime__LibraryPath"), StringComparison.Ordinal);
        Assert.Equal("/v1/health/ready", container.Text("readinessProbe", "httpGet", "path"));
    }

    [Fact]
    public void Every_service_selects_deployment_pods_or_names_an_external_host()
    {
        var services = Of("Service").ToList();
        Assert.Contains(services, s => s.Name == "samplemind-api");
        foreach (var service in services)
        {
            if (service.Root.Text("spec", "type") == "ExternalName")
            {
                Assert.False(string.IsNullOrEmpty(service.Root.Text("spec", "externalName")), $"{service} names its host");
                continue;
            }

            var selector = service.Root.Scalars("spec", "selector");
            var target = Of("Deployment").SingleOrDefault(d =>
                selector.Count > 0 && selector.All(p => d.Root.Scalars("spec", "template", "metadata", "labels").GetValueOrDefault(p.Key) == p.Value));
            Assert.True(target is not null, $"{service} selects the pods of one Deployment");
            var portNames = Containers(target!).SelectMany(c => c.Items("ports")).Select(p => p.Text("name")).ToHashSet();
            Assert.All(service.Root.Items("spec", "ports"), p => Assert.Contains(p.Text("targetPort"), portNames));
        }

        Assert.Equal("postgres", Of("Service").Single(s => s.Root.Text("spec", "type") == "ExternalName").Name);
    }

    [Fact]
    public void Pods_take_configuration_and_volumes_from_objects_defined_here()
    {
        Assert.Equal("cluster", ConfigValue("Cluster__Mode"));
        var secret = Single("Secret", "samplemind-postgres");
        Assert.StartsWith("Host=postgres.", secret.Root.Text("stringData", "Cluster__Postgres"), StringComparison.Ordinal);
        foreach (var d in Of("Deployment"))
        {
            foreach (var source in Containers(d).SelectMany(c => c.Items("envFrom")))
            {
                var (kind, name) = source.Text("configMapRef", "name") is { } map ? ("ConfigMap", map) : ("Secret", source.Text("secretRef", "name"));
                Assert.True(_objects.Any(o => o.Kind == kind && o.Name == name), $"{d.Name} reads {kind} {name}");
            }

            foreach (var volume in d.Root.Items("spec", "template", "spec", "volumes"))
            {
                if (volume.Text("persistentVolumeClaim", "claimName") is { } claim)
                {
                    Assert.True(_objects.Any(o => o.Kind == "PersistentVolumeClaim" && o.Name == claim), $"{d.Name} mounts claim {claim}");
                }
            }
        }
    }

    [Fact]
    public void Every_pod_mounts_the_shared_claim_at_the_shared_directory_and_takes_its_pod_name_as_silo_id()
    {
        var shared = ConfigValue("Silo__SharedDirectory");
        var claims = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in Of("Deployment").Where(d => d.Name != "postgres"))
        {
            var volumes = d.Root.Items("spec", "template", "spec", "volumes");
            foreach (var container in Containers(d))
            {
                var mount = container.Items("volumeMounts").SingleOrDefault(m => m.Text("mountPath") == shared);
                Assert.True(mount is not null, $"{d.Name} mounts a volume at {shared}");
                var claim = volumes.Single(v => v.Text("name") == mount.Text("name")).Text("persistentVolumeClaim", "claimName");
                Assert.True(claim is not null, $"{d.Name}'s {shared} is a persistent volume claim");
                claims.Add(claim);
                var id = container.Items("env").SingleOrDefault(e => e.Text("name") == "Silo__SiloId");
                Assert.Equal("metadata.name", id?.Text("valueFrom", "fieldRef", "fieldPath"));
            }
        }

        var only = Assert.Single(claims);
        Assert.Equal("ReadWriteMany", Single("PersistentVolumeClaim", only).Root.Items("spec", "accessModes").Select(m => ((YamlScalarNode)m).Value).Single());
    }

    [Fact]
    public void Kustomization_lists_every_manifest_file_once()
    {
        var kustomization = YamlFile.LoadDocuments(Path.Combine(DeployFiles.KubernetesFolder, "kustomization.yaml")).Single();
        var listed = kustomization.Items("resources").Select(r => ((YamlScalarNode)r).Value!).ToList();
        var files = _objects.Select(o => o.File).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(files, listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }

    private IEnumerable<KubernetesObject> Of(string kind) => _objects.Where(o => o.Kind == kind);

    private KubernetesObject Single(string kind, string name) => _objects.Single(o => o.Kind == kind && o.Name == name);

    private string ConfigValue(string key) =>
        Single("ConfigMap", "samplemind-config").Root.Text("data", key) ?? throw new InvalidDataException($"ConfigMap lacks {key}");

    private static IReadOnlyList<YamlNode> Containers(KubernetesObject deployment) =>
        deployment.Root.Items("spec", "template", "spec", "containers");

    private static string? EnvValue(YamlNode container, string name) =>
        container.Items("env").FirstOrDefault(e => e.Text("name") == name)?.Text("value");
}
