using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Cli;

/// <summary>A thin HTTP client for the SampleMind API; problem+json answers become <see cref="ApiException"/>.</summary>
internal sealed class ApiClient(HttpClient http) : IDisposable
{
    public static ApiClient Create(string baseAddress, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseAddress.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(10) };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return new ApiClient(http);
    }

    public async Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path.TrimStart('/'), body, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public async Task<JsonNode> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(path.TrimStart('/'), cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    /// <summary>Copies a streamed body (exports) to <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response, cancellationToken);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
        }

        var detail = text;
        try
        {
            var problem = JsonNode.Parse(text);
            detail = $"{problem?["title"]}: {problem?["detail"]}";
        }
        catch (JsonException)
        {
            // Not problem+json: show the raw body.
        }

        throw new ApiException((int)response.StatusCode, detail);
    }
}
