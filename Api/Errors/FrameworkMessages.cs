using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SampleMind.Api.Endpoints;

namespace SampleMind.Api.Errors;

/// <summary>
/// Rewrites what ASP.NET Core's parameter binding and System.Text.Json say about a bad request into sentences for the
/// API's clients: the parameter or property by its name, without .NET type names or reader settings.
/// </summary>
internal static partial class FrameworkMessages
{
    /// <summary>The title of a body that is not JSON.</summary>
    public const string MalformedJsonTitle = "Malformed JSON";

    /// <summary>The detail for a request the framework refused before the endpoint ran (<paramref name="query"/>: the request's).</summary>
    public static string ForBinding(string message, IQueryCollection query)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var (type, name, value) = (failed.Groups["type"].Value, failed.Groups["name"].Value, failed.Groups["value"].Value);
            // Binding joins a repeated parameter's values with commas and fails on "1,2" before the query check runs.
            if (query[name].Count > 1)
            {
                return QueryParameterCheck.GivenMoreThanOnce(name, query[name].Count);
            }

            return WholeNumberRange(type) is var (min, max) && BigInteger.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? $"The value '{Shorten(value)}' of '{name}' is out of range: a whole number from {min} to {max} " +
                  "(the endpoint's own range, in docs/api.md, may be narrower)."
                : $"The value '{Shorten(value)}' of '{name}' is not {Expected(type)}.";
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? "The request needs a JSON body."
                : $"The parameter '{missing.Groups["name"].Value}' is required.";
        }

        return ImplicitBody().IsMatch(message) ? "The request needs a JSON body." : message;
    }

    /// <summary>The detail for JSON the serializer could not read: its sentence with .NET type names and reader settings cut.</summary>
    public static string ForJson(JsonException exception)
    {
        var message = TypeName().Replace(exception.Message, "");
        message = DuplicateOfType().Replace(message, "The property '${name}' is given more than once.");
        message = Unmapped().Replace(message, "is not one this endpoint takes.");
        message = NotConvertible().Replace(message, NotText(exception.InnerException) ?? "The JSON value is not of the type expected there.");
        return message.Replace(" Change the reader options.", "", StringComparison.Ordinal)
            .Replace("which is not supported in this mode.", "which JSON does not allow.", StringComparison.Ordinal);
    }

    /// <summary>
    /// Why a JSON string could not be read as text, when it is a string (for any member) that holds no text: a lone
    /// surrogate escaped (<c>"\ud800"</c>, which System.Text.Json will not make a string of) or bytes that are not UTF-8.
    /// The serializer says of both that the value could not be converted to a string, as of a number where a string goes.
    /// </summary>
    private static string? NotText(Exception? inner) => inner is InvalidOperationException { Message: var reason } ? reason switch
    {
        _ when LoneSurrogate().IsMatch(reason) =>
            "The JSON string is not valid Unicode: it holds a lone surrogate (an escape from \\ud800 to \\udfff without its pair).",
        _ when NotUtf8().IsMatch(reason) => "The JSON string is not valid UTF-8.",
        _ => null,
    } : null;

    /// <summary>
    /// The title for JSON the serializer could not read: "Malformed JSON" when it is not JSON (cut short, not an object),
    /// "Invalid request body" when it is JSON the endpoint does not take (a property it has no place for, a property twice,
    /// a value of another type).
    /// </summary>
    public static string JsonTitle(JsonException exception) =>
        Unmapped().IsMatch(exception.Message) || NotConvertible().IsMatch(exception.Message) || Duplicate().IsMatch(exception.Message)
            ? "Invalid request body"
            : MalformedJsonTitle;

    private static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '[', ']') switch
    {
        "int" or "long" or "short" or "byte" or "uint" or "ulong" or "Int32" or "Int64" => "a whole number",
        "double" or "float" or "decimal" or "Double" or "Single" or "Decimal" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateTime" or "DateTimeOffset" => "a date and time",
        "Guid" => "an id",
        _ => "in the form expected",
    };

    /// <summary>The values an integral parameter type can hold, or null for another type.</summary>
    private static (string Min, string Max)? WholeNumberRange(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "Int32" => (int.MinValue.ToString(CultureInfo.InvariantCulture), int.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "long" or "Int64" => (long.MinValue.ToString(CultureInfo.InvariantCulture), long.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "short" or "Int16" => (short.MinValue.ToString(CultureInfo.InvariantCulture), short.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "byte" or "Byte" => ("0", byte.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "uint" or "UInt32" => ("0", uint.MaxValue.ToString(CultureInfo.InvariantCulture)),
        "ulong" or "UInt64" => ("0", ulong.MaxValue.ToString(CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>Echoes at most 64 characters of a value the caller sent.</summary>
    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "…";

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[a-z ]+?)( string)?\.$""")]
    private static partial Regex NotProvided();

    [GeneratedRegex("""^Implicit body inferred for parameter "[^"]+" but no body was provided""")]
    private static partial Regex ImplicitBody();

    [GeneratedRegex(""" contained in type '[^']*'""")]
    private static partial Regex TypeName();

    [GeneratedRegex("""could not be mapped to any \.NET member\.?""")]
    private static partial Regex Unmapped();

    [GeneratedRegex("""^The JSON value could not be converted to [^ ]+\.""")]
    private static partial Regex NotConvertible();

    [GeneratedRegex("""^Cannot read (invalid|incomplete) UTF-16 JSON text as string""")]
    private static partial Regex LoneSurrogate();

    [GeneratedRegex("""^Cannot transcode invalid UTF-8 JSON text""")]
    private static partial Regex NotUtf8();

    [GeneratedRegex("""Duplicate property '(?<name>[^']*)' encountered during deserialization of type '[^']*'\.""")]
    private static partial Regex DuplicateOfType();

    [GeneratedRegex("""[Dd]uplicate property""")]
    private static partial Regex Duplicate();
}
