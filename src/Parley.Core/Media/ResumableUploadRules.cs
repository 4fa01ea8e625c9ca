using System.Globalization;
using System.Text;
using Parley.Core.Errors;

namespace Parley.Core.Media;

/// <summary>
/// Meta's Resumable Upload API (Graph "Resumable Upload API" and "Upload a file" guides): a session is opened with
/// <c>file_length</c>, <c>file_type</c> and <c>file_name</c>; the bytes follow from <c>file_offset</c>; the answer is a
/// file handle (<c>{"h":"…"}</c>) that template samples and profile pictures take.
/// </summary>
public static class ResumableUploadRules
{
    /// <summary>"Upload a file": <c>file_type</c> valid values are application/pdf, image/jpeg, image/jpg, image/png and video/mp4.</summary>
    public static readonly IReadOnlyList<string> FileTypes = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"];

    /// <summary>Parley's cap on <c>file_length</c> (Meta documents none): the largest media a message can carry, 100 MB.</summary>
    public const long MaxFileLength = MediaRules.MaxUploadBytes;

    /// <summary>The prefix of session ids in paths and answers: <c>upload:&lt;session&gt;</c>.</summary>
    public const string SessionPrefix = "upload:";

    /// <summary>Image file types a profile picture may have (M "Business Profiles": a JPEG or PNG image).</summary>
    public static readonly IReadOnlyList<string> ImageTypes = ["image/jpeg", "image/jpg", "image/png"];

    /// <summary>Checks the session parameters; the file type comes back normalized (lower case, no parameters).</summary>
    public static Outcome<(long Length, string Type, string Name)> CheckSession(string? fileLength, string? fileType, string? fileName)
    {
        if (string.IsNullOrEmpty(fileLength))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter file_length is required.");
        }
        if (!long.TryParse(fileLength, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1)
        {
            return ErrorCatalog.InvalidParameter.With($"Param file_length must be a positive integer - got \"{fileLength}\".");
        }
        if (length > MaxFileLength)
        {
            return ErrorCatalog.InvalidParameter.With($"Param file_length must be at most {MaxFileLength} bytes.");
        }
        if (string.IsNullOrEmpty(fileType))
        {
            return ErrorCatalog.InvalidParameter.With("The parameter file_type is required.");
        }
        var type = MediaRules.BaseType(fileType);
        if (!FileTypes.Contains(type))
        {
            return ErrorCatalog.InvalidParameter.With($"Param file_type must be one of {{{string.Join(", ", FileTypes)}}} - got \"{fileType}\".");
        }
        var name = string.IsNullOrWhiteSpace(fileName) ? "file" : fileName.Trim();
        return (length, type, name);
    }

    /// <summary>Checks a chunk's <c>file_offset</c> header against the session's offset.</summary>
    public static WhatsAppError? CheckOffset(string? header, long expected)
    {
        if (string.IsNullOrEmpty(header))
        {
            return ErrorCatalog.InvalidParameter.With("The file_offset header is required.");
        }
        if (!long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset != expected)
        {
            return ErrorCatalog.InvalidParameter.With(
                $"file_offset {header} does not match the upload session: resume from file_offset {expected} (GET the session to read it).");
        }
        return null;
    }

    /// <summary>More bytes than <c>file_length</c> announced.</summary>
    public static WhatsAppError TooManyBytes(long fileLength) =>
        ErrorCatalog.InvalidParameter.With($"The upload is longer than the session's file_length of {fileLength} bytes.");

    /// <summary>A handle as Meta's look: <c>4::&lt;base64 of the file type&gt;:&lt;session&gt;</c>.</summary>
    public static string Handle(string fileType, string sessionId) =>
        "4::" + Convert.ToBase64String(Encoding.UTF8.GetBytes(fileType)) + ":" + sessionId;

    /// <summary>Whether a handle's file fits a template media header <paramref name="format"/> (IMAGE, VIDEO, DOCUMENT).</summary>
    public static bool FitsHeader(string format, string fileType) => format switch
    {
        "IMAGE" => ImageTypes.Contains(fileType),
        "VIDEO" => fileType == "video/mp4",
        "DOCUMENT" => fileType == "application/pdf",
        _ => false,
    };
}
