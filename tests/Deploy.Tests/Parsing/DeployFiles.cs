using SampleMind.TestSupport;

namespace SampleMind.Deploy.Tests.Parsing;

/// <summary>Where the deploy manifests live in the repository.</summary>
internal static class DeployFiles
{
    public static string Root => Path.Combine(RepoPaths.Root, "deploy");

    public static string Compose => Path.Combine(Root, "compose.yaml");

    public static string KubernetesFolder => Path.Combine(Root, "k8s");

    public static string DockerFolder => Path.Combine(Root, "docker");

    /// <summary>Every YAML file under deploy/, compose file included.</summary>
    public static IReadOnlyList<string> AllYaml() =>
        [.. Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>The Kubernetes object documents of deploy/k8s (the kustomization left out), with their file.</summary>
    public static IReadOnlyList<KubernetesObject> KubernetesObjects()
    {
        var objects = new List<KubernetesObject>();
        foreach (var file in Directory.EnumerateFiles(KubernetesFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "kustomization.yaml")
            {
                continue;
            }

            foreach (var document in YamlFile.LoadDocuments(file))
            {
                objects.Add(new KubernetesObject(Path.GetFileName(file), document));
            }
        }

        return objects;
    }
}
