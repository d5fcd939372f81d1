using System.Text.Json;
using System.Text.RegularExpressions;
using SampleMind.Deploy.Tests.Parsing;
using SampleMind.TestSupport;

namespace SampleMind.Deploy.Tests;

/// <summary>The container images' Dockerfiles, read as text: no Docker engine runs here.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string[] s_nativePackages =
    [
        "libsndfile1", "libfftw3-single3", "libaubio5", "libebur128-1", "libchromaprint1", "libsoxr0", "librubberband2", "ffmpeg",
    ];

    public static TheoryData<string, string> Images => new()
    {
        { "silo.Dockerfile", "Silo" },
        { "api.Dockerfile", "Api" },
        { "gpu-worker.Dockerfile", "GpuWorker" },
    };

    [Fact]
    public void Every_dockerfile_in_deploy_docker_is_covered_here()
    {
        var onDisk = Directory.EnumerateFiles(DeployFiles.DockerFolder, "*.Dockerfile").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        var covered = Images.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(covered, onDisk);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Every_FROM_names_a_well_formed_image_or_an_earlier_stage(string file, string project)
    {
        var dockerfile = Load(file);
        Assert.True(dockerfile.Stages.Count >= 2, $"{file} ({project}) is multi-stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", dockerfile.Stages[0].Image, StringComparison.Ordinal);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in dockerfile.Stages)
        {
            Assert.DoesNotContain("$", stage.Image, StringComparison.Ordinal);
            Assert.True(aliases.Contains(stage.Image) || ImageReference().IsMatch(stage.Image), $"{file}: FROM {stage.Image}");
            if (stage.Alias is not null)
            {
                Assert.True(aliases.Add(stage.Alias), $"{file}: stage alias {stage.Alias} is unique");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Copy_from_names_an_earlier_stage_or_an_image(string file, string project)
    {
        var dockerfile = Load(file);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var copy in stage.All("COPY"))
            {
                var from = CopyFrom().Match(copy.Arguments);
                if (from.Success)
                {
                    var source = from.Groups["source"].Value;
                    Assert.True(aliases.Contains(source) || ImageReference().IsMatch(source), $"{file} ({project}): COPY --from={source}");
                }
            }

            if (stage.Alias is not null)
            {
                aliases.Add(stage.Alias);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Publishes_its_project_and_runs_that_project_dll(string file, string project)
    {
        var dockerfile = Load(file);
        var publishing = dockerfile.Stages.Single(s => s.All("RUN").Any(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)));
        var publish = publishing.All("RUN").Single(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var csproj = $"{project}/{project}.csproj";
        Assert.Contains($"dotnet publish {csproj}", publish.Arguments, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, project, $"{project}.csproj")), $"{csproj} exists");

        var final = dockerfile.FinalStage;
        Assert.Contains(final.All("COPY"), c => c.Arguments.StartsWith($"--from={publishing.Alias} /app/publish", StringComparison.Ordinal));
        var entrypoint = JsonSerializer.Deserialize<string[]>(final.All("ENTRYPOINT").Single().Arguments) ?? [];
        Assert.Equal(["dotnet", $"SampleMind.{project}.dll"], entrypoint);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Runs_as_a_non_root_user_with_the_native_audio_libraries(string file, string project)
    {
        var final = Load(file).FinalStage;
        var user = final.All("USER").Last().Arguments;
        Assert.DoesNotContain(user, new[] { "root", "0", "0:0" });
        var install = string.Join(' ', final.All("RUN").Select(r => r.Arguments).Where(a => a.Contains("apt-get install", StringComparison.Ordinal)));
        var words = install.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        foreach (var package in s_nativePackages)
        {
            Assert.True(words.Contains(package), $"{file} ({project}) installs {package}");
        }

        Assert.Equal("http://0.0.0.0:8080", Environment(final)["Urls"]);
    }

    [Fact]
    public void Gpu_worker_runs_on_cuda_and_points_onnx_runtime_at_the_gpu_library()
    {
        var dockerfile = Load("gpu-worker.Dockerfile");
        var final = dockerfile.FinalStage;
        Assert.StartsWith("nvidia/cuda:12.", final.Image, StringComparison.Ordinal);
        Assert.Contains("cudnn-runtime", final.Image, StringComparison.Ordinal);
        var library = Environment(final)["OnnxRuntime__LibraryPath"];
        var libraryFolder = Path.GetDirectoryName(library)!.Replace('\\', '/');
        Assert.Contains(final.All("COPY"), c => c.Arguments.StartsWith("--from=onnxruntime ", StringComparison.Ordinal) && c.Arguments.EndsWith(libraryFolder, StringComparison.Ordinal));
        Assert.Contains(final.All("COPY"), c => c.Arguments.Contains("/usr/share/dotnet", StringComparison.Ordinal));
        Assert.Equal("gpu", Environment(final)["Silo__Roles__0"]);
    }

    private static Dockerfile Load(string file) => Dockerfile.Load(Path.Combine(DeployFiles.DockerFolder, file));

    private static Dictionary<string, string> Environment(DockerStage stage)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in stage.All("ENV"))
        {
            foreach (var pair in env.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length == 2)
                {
                    variables[parts[0]] = parts[1];
                }
            }
        }

        return variables;
    }

    // An image reference: optional registry host[:port]/, lower-case path components, optional tag.
    [GeneratedRegex(@"^(?:[a-z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"--from=(?<source>\S+)")]
    private static partial Regex CopyFrom();
}
