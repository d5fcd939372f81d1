using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SampleMind.Cli;

/// <summary>
/// A thin HTTP client for the SampleMind API; problem+json answers become <see cref="ApiException"/>. Each request waits
/// at most <paramref name="answerTimeout"/> for its answer's headers (<see cref="TimeoutException"/>); a body that follows
/// (an export's stream) is read as long as it comes.
/// </summary>
internal sealed class ApiClient(HttpClient http, TimeSpan answerTimeout, ApiConnections? connections = null) : IDisposable
{
    /// <summary>The API has answered a request of this client (so a later connection failure is likely a restart).</summary>
    private bool _answered;

    /// <summary>The API's address, as <c>--api</c> gave it.</summary>
    public Uri Address => http.BaseAddress!;

    /// <summary>How long a request waits for its answer to begin; an upload, for its body to move on (see <c>--timeout</c>).</summary>
    public TimeSpan AnswerTimeout => answerTimeout;

    /// <summary>How long a call may take, except an upload's sending (as long as it takes) and an export's download.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long a request waits for its answer's headers unless --timeout (or SAMPLEMIND_TIMEOUT) says otherwise.</summary>
    public static readonly TimeSpan DefaultAnswerTimeout = TimeSpan.FromSeconds(100);

    /// <summary>A client whose requests wait <see cref="DefaultAnswerTimeout"/> for an answer.</summary>
    public ApiClient(HttpClient http)
        : this(http, DefaultAnswerTimeout)
    {
    }

    public static ApiClient Create(string baseAddress, string? apiKey, TimeSpan answerTimeout)
    {
        var handler = ApiConnections.CreateHandler(out var connections);
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseAddress.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return new ApiClient(http, answerTimeout, connections);
    }

    /// <summary>The request header that makes a POST safe to send again (the server's Idempotency-Key).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Tries of a GET when the API is briefly unavailable (see <see cref="GetRetryingAsync"/>).</summary>
    public const int MaxTries = 6;

    /// <summary>The longest <c>Retry-After</c> a GET waits for; a longer one (a rate limit's window) ends it with the answer.</summary>
    public static readonly TimeSpan MaxRetryWait = TimeSpan.FromSeconds(10);

    /// <summary>The longest part of an error answer that is not problem+json shown (its first line).</summary>
    public const int MaxRawDetail = 120;

    /// <summary>Added to a 401 when the request carried no key: how to give one (see <see cref="CliOptions.CreateClient"/>).</summary>
    public const string NoKeyHint =
        "no API key was sent: give one with --key or SAMPLEMIND_API_KEY, or name its file with --key-file; " +
        "without them ./data/admin.key is read when it exists";

    public async Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) =>
        Parse(await GetForTextAsync(path, cancellationToken));

    /// <summary>As <see cref="GetAsync"/>, but the answer's JSON text as the API sent it (for <c>--json</c>).</summary>
    public Task<string> GetForTextAsync(string path, CancellationToken cancellationToken) => TimedAsync(async token =>
    {
        using var response = await GetRetryingAsync(path, token);
        return await ReadAsync(response, token);
    }, cancellationToken);

    public async Task<JsonNode> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        Parse(await PostForTextAsync(path, body, cancellationToken));

    /// <summary>
    /// A POST that starts work, sent with an <c>Idempotency-Key</c> of its own and so, like a GET, made again when the
    /// API answers 503 or cannot be reached after it answered before (a silo restarting): the server answers a repeat with
    /// the work the first one started, never a second job.
    /// </summary>
    public async Task<JsonNode> PostOnceAsync(string path, JsonNode body, CancellationToken cancellationToken) =>
        Parse(await PostOnceForTextAsync(path, body, cancellationToken));

    /// <summary>As <see cref="PostOnceAsync"/>, but the answer's JSON text as the API sent it.</summary>
    public Task<string> PostOnceForTextAsync(string path, JsonNode body, CancellationToken cancellationToken) => TimedAsync(async token =>
    {
        var key = Guid.NewGuid().ToString("N");
        using var response = await SendRetryingAsync(
            () => new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
            {
                Content = JsonContent.Create(body),
                Headers = { { IdempotencyKeyHeader, key } },
            },
            token);
        return await ReadAsync(response, token);
    }, cancellationToken);

    /// <summary>
    /// As <see cref="PostAsync"/>, but the answer's JSON text as the API sent it. A null <paramref name="body"/> sends no
    /// body (pause, resume, cancel, rotate): the API refuses one there, and <c>null</c> as JSON is a body.
    /// </summary>
    public Task<string> PostForTextAsync(string path, JsonNode? body, CancellationToken cancellationToken) => TimedAsync(async token =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await SendAsync(request, token);
        return await ReadAsync(response, token);
    }, cancellationToken);

    /// <summary>A success answer's JSON text as a node (an empty answer as an empty object); <see cref="NotAnApiException"/> when it is not JSON.</summary>
    public JsonNode Parse(string answer)
    {
        try
        {
            return answer.Length == 0 ? new JsonObject() : JsonNode.Parse(answer) ?? new JsonObject();
        }
        catch (JsonException)
        {
            throw NotAnApi("its answer is not JSON");
        }
    }

    /// <summary>
    /// Sends <paramref name="content"/> as the body (an upload), streamed, after the server has said it will take it
    /// (<c>Expect: 100-continue</c>): a request refused before its body is read (a key without the scope, a bad option)
    /// gets the server's answer instead of a broken connection half-way through the body, and one refused while it is
    /// sent gets it too where the connection lets it be read (<see cref="ConnectionStream"/>). Not bounded by the answer
    /// timeout as a whole (the caller bounds a stall: <see cref="Commands.IngestCommand.UploadAsync"/>). Returns the
    /// answer's JSON text as the API sent it.
    /// </summary>
    public async Task<string> PostContentForTextAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = content };
        request.Headers.ExpectContinue = true;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (connections is not null)
        {
            throw connections.Explain(e, Address);
        }

        using (response)
        {
            return await ReadAsync(response, cancellationToken);
        }
    }

    public async Task<JsonNode> DeleteAsync(string path, CancellationToken cancellationToken) =>
        Parse(await DeleteForTextAsync(path, cancellationToken));

    /// <summary>As <see cref="DeleteAsync"/>, but the answer's JSON text as the API sent it.</summary>
    public Task<string> DeleteForTextAsync(string path, CancellationToken cancellationToken) => TimedAsync(async token =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path.TrimStart('/'));
        using var response = await SendAsync(request, token);
        return await ReadAsync(response, token);
    }, cancellationToken);

    /// <summary>
    /// Copies a streamed body (exports) to <paramref name="destination"/>; only its headers are timed. An HTML page is not
    /// copied: the API never answers one (<see cref="NotAnApiException"/>).
    /// </summary>
    public async Task DownloadAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await TimedAsync(token => GetRetryingAsync(path, token), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response, cancellationToken);
        }

        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            throw NotAnApi($"HTTP {(int)response.StatusCode}, text/html");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    /// <summary>
    /// A GET (safe to repeat), made again when the API answers 503 (in cluster mode a silo starting or stopping, or the
    /// request's data moving between silos), or 429 with a <c>Retry-After</c> of at most <see cref="MaxRetryWait"/>, or
    /// cannot be reached after it has answered this client before (a silo restarting; an address that never answered is
    /// reported at once): up to <see cref="MaxTries"/> tries, waiting what <c>Retry-After</c> says, else 1, 2, 4, 8, 16 s.
    /// So a progress display or an export rides through a silo's restart instead of failing.
    /// </summary>
    private Task<HttpResponseMessage> GetRetryingAsync(string path, CancellationToken cancellationToken) =>
        SendRetryingAsync(() => new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/')), cancellationToken);

    /// <summary>Sends the request <paramref name="make"/> makes, and a new one as <see cref="GetRetryingAsync"/> says.</summary>
    private async Task<HttpResponseMessage> SendRetryingAsync(Func<HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = make();
                response = await SendAsync(request, cancellationToken);
                _answered = true;
            }
            catch (HttpRequestException) when (_answered && attempt < MaxTries)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
                continue;
            }

            if (attempt < MaxTries && RetryWait(response, attempt) is { } wait)
            {
                response.Dispose();
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            return response;
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns once its answer's headers have come, waiting at most the answer
    /// timeout for them (a <see cref="TimeoutException"/>); the body, read afterwards, is not bounded by it.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(answerTimeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, wait.Token);
        }
        catch (OperationCanceledException e) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The API did not answer within {answerTimeout.TotalSeconds:0} s.", e);
        }
        catch (HttpRequestException e) when (connections is not null)
        {
            throw connections.Explain(e, Address);
        }
    }

    /// <summary>How long to wait before trying <paramref name="response"/>'s request again, or null when it is the answer.</summary>
    private static TimeSpan? RetryWait(HttpResponseMessage response, int attempt)
    {
        var after = response.Headers.RetryAfter is { } header ? header.Delta ?? (header.Date - DateTimeOffset.UtcNow) : null;
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            return after is { } given ? Clamp(given) : Backoff(attempt);
        }

        return response.StatusCode == System.Net.HttpStatusCode.TooManyRequests && after is { } wait && wait <= MaxRetryWait ? Clamp(wait) : null;
    }

    private static TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryWait ? MaxRetryWait : wait;

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    /// <summary>
    /// Runs <paramref name="call"/> for at most <see cref="CallTimeout"/>: running out of time is a
    /// <see cref="TimeoutException"/>, so that an <see cref="OperationCanceledException"/> always means the caller's
    /// cancellation (Ctrl-C).
    /// </summary>
    private static async Task<T> TimedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The API did not answer within {CallTimeout.TotalMinutes:0} minutes.", e);
        }
    }

    /// <summary>
    /// A success answer's text, which must be JSON (or nothing); an error answer as <see cref="ApiException"/>, with the
    /// problem's sentence, else the status and the body's first line (a proxy's plain text), its control characters
    /// shown as codes (<see cref="Terminal.Clean"/>). An HTML page, whatever its status, is another server's
    /// (<see cref="NotAnApiException"/>): the API never answers one.
    /// </summary>
    private async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        _answered = true;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType;
        if (!response.IsSuccessStatusCode)
        {
            var problem = Problem(text);
            if (problem is null && type == "text/html")
            {
                throw NotAnApi($"HTTP {(int)response.StatusCode}, {type}");
            }

            var detail = Terminal.Clean(problem ?? FirstLine(text) ?? response.ReasonPhrase ?? "");
            throw new ApiException((int)response.StatusCode, response.StatusCode == System.Net.HttpStatusCode.Unauthorized && http.DefaultRequestHeaders.Authorization is null
                ? $"{detail} ({NoKeyHint})"
                : detail);
        }

        return text.Length == 0 || type is null || type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal)
            ? text
            : throw NotAnApi($"HTTP {(int)response.StatusCode}, {type}");
    }

    /// <summary>
    /// A problem+json answer's title and detail (the title alone when it has none), or its title and its fields' errors
    /// ("title: field: message message; field: message."); null when <paramref name="text"/> is not one.
    /// </summary>
    private static string? Problem(string text)
    {
        JsonNode? problem;
        try
        {
            problem = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        if (problem is not JsonObject || problem["title"] is null)
        {
            return null;
        }

        // Titles and messages end with a full stop of their own ("One or more validation errors occurred."): one stop at the end.
        var title = problem["title"]!.ToString();
        if (problem["errors"] is JsonObject errors && errors.Count > 0)
        {
            var fields = errors.Select(e => $"{e.Key}: {string.Join(" ", (e.Value as JsonArray)?.Select(m => m?.ToString()) ?? [e.Value?.ToString()]).TrimEnd('.')}");
            return $"{title.TrimEnd('.')}: {string.Join("; ", fields)}.";
        }

        return problem["detail"]?.ToString() is { Length: > 0 } detail ? $"{title.TrimEnd('.')}: {detail}" : title;
    }

    /// <summary>The first line of <paramref name="text"/>, at most <see cref="MaxRawDetail"/> characters; null when there is none.</summary>
    private static string? FirstLine(string text)
    {
        var line = text.TrimStart().Split('\n', 2)[0].TrimEnd();
        return line.Length == 0 ? null : line.Length <= MaxRawDetail ? line : line[..MaxRawDetail] + "...";
    }

    private NotAnApiException NotAnApi(string what) =>
        new($"{http.BaseAddress} did not answer as a SampleMind API ({what}); is --api (or SAMPLEMIND_API) right?");
}
