using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Audio;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Compute;

/// <summary>A percussive-plus-tonal mixture to ingest, and helpers to wait for and fetch compute results.</summary>
internal static class ComputeFixtures
{
    private const int Rate = 22050;

    public static string MixturePath(string ingestRoot, string library) => Path.Combine(ingestRoot, "compute-" + library, "mixture.wav");

    /// <summary>Writes the mixture under the ingest root, ingests it into <paramref name="library"/> and returns its sample id.</summary>
    public static async Task<string> IngestMixtureAsync(HttpClient client, string ingestRoot, string library, int seconds = 2)
    {
        var path = MixturePath(ingestRoot, library);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, Mixture(seconds), Rate, 1);
        var jobId = await ApiJson.StartDirectoryIngestAsync(client, library, Path.GetDirectoryName(path)!);
        await ApiJson.WaitForJobAsync(client, jobId, TimeSpan.FromSeconds(60));
        return await OnlySampleAsync(client, library);
    }

    /// <summary>Uploads the mixture in a zip into library "uploads" and returns its sample id.</summary>
    public static async Task<string> UploadMixtureAsync(HttpClient client, string root)
    {
        var wav = Path.Combine(root, "upload-mixture.wav");
        WavWriter.Write(wav, Mixture(2), Rate, 1);
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("mixture.wav").Open();
            entry.Write(File.ReadAllBytes(wav));
        }

        var content = new ByteArrayContent(memory.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var response = await client.PostAsync("/v1/libraries/uploads/ingests?level=fast", content);
        Assert.Equal(202, (int)response.StatusCode);
        await ApiJson.WaitForJobAsync(client, (await ApiJson.ReadAsync(response))["jobId"]!.GetValue<string>(), TimeSpan.FromSeconds(60));
        return await OnlySampleAsync(client, "uploads");
    }

    /// <summary>Polls a compute request until it is done; fails when it fails.</summary>
    public static async Task<JsonNode> WaitForDoneAsync(HttpClient client, string location, TimeSpan timeout)
    {
        JsonNode status = new JsonObject();
        await Eventually.HoldsAsync(async () =>
        {
            status = await ApiJson.ReadAsync(await client.GetAsync(location));
            var state = status["state"]?.GetValue<string>();
            Assert.NotEqual("Failed", state);
            return state == "Done";
        }, timeout, $"compute request {location} to be done");
        return status;
    }

    /// <summary>Downloads a file and decodes it.</summary>
    public static async Task<DecodedAudio> DownloadAsync(HttpClient client, string url, string root)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        var extension = Path.GetExtension(new Uri(client.BaseAddress!, url).AbsolutePath);
        var path = Path.Combine(root, Guid.NewGuid().ToString("N") + (extension.Length > 0 ? extension : ".wav"));
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return new AudioDecoder().Decode(path);
    }

    public static double Rms(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / Math.Max(1, a.Length));
    }

    private static async Task<string> OnlySampleAsync(HttpClient client, string library)
    {
        var page = await ApiJson.ReadAsync(await client.GetAsync($"/v1/libraries/{library}/samples"));
        return Assert.Single(page["items"]!.AsArray())!["sampleId"]!.GetValue<string>();
    }

    /// <summary>Two seconds: a 330 Hz tone under decaying noise clicks every quarter second.</summary>
    private static float[] Mixture(int seconds)
    {
        var samples = new float[seconds * Rate];
        var random = new Random(7);
        for (var i = 0; i < samples.Length; i++)
        {
            var sinceClick = i % (Rate / 4);
            var click = sinceClick < 600 ? (float)((random.NextDouble() * 2) - 1) * MathF.Exp(-sinceClick / 80f) : 0f;
            samples[i] = (0.3f * MathF.Sin(2 * MathF.PI * 330 * i / Rate)) + (0.5f * click);
        }

        return samples;
    }
}
