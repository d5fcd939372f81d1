using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Cli;

/// <summary>A thin HTTP client for the SampleMind API; problem+json answers become <see cref="ApiException"/>.</summary>
internal sealed class ApiClient(HttpClient http) : IDisposable
{
    /// <summary>How long a call may take, except an upload's sending (as long as it takes) and an export's download.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    public static ApiClient Create(string baseAddress, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseAddress.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return new ApiClient(http);
    }

    public async Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = Timed(cancellationToken);
        using var response = await http.GetAsync(path.TrimStart('/'), timeout.Token);
        return await ReadAsync(response, timeout.Token);
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var timeout = Timed(cancellationToken);
        using var response = await http.PostAsJsonAsync(path.TrimStart('/'), body, timeout.Token);
        return await ReadAsync(response, timeout.Token);
    }

    /// <summary>
    /// Sends <paramref name="content"/> as the body (an upload), streamed, after the server has said it will take it
    /// (<c>Expect: 100-continue</c>): a request refused before its body is read (a key without the scope, a bad option)
    /// gets the server's answer instead of a broken connection half-way through the body.
    /// </summary>
    public async Task<JsonNode> PostContentAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(response, cancellationToken);
    }

    public async Task<JsonNode> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var timeout = Timed(cancellationToken);
        using var response = await http.DeleteAsync(path.TrimStart('/'), timeout.Token);
        return await ReadAsync(response, timeout.Token);
    }

    /// <summary>Copies a streamed body (exports) to <paramref name="destination"/>; only its headers are timed.</summary>
    public async Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        using (var timeout = Timed(cancellationToken))
        {
            response = await http.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }

        using var answer = response;
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response, cancellationToken);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private static CancellationTokenSource Timed(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        return timeout;
    }

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
            detail = problem?["errors"] is JsonObject errors && errors.Count > 0
                ? $"{problem["title"]}: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value?.AsArray().Select(m => m?.ToString()) ?? [])}"))
                : $"{problem?["title"]}: {problem?["detail"]}";
        }
        catch (JsonException)
        {
            // Not problem+json: show the raw body.
        }

        throw new ApiException((int)response.StatusCode, detail);
    }
}
