using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parley.Server.Configuration;

namespace Parley.Server.Secrets;

/// <summary>
/// Encrypts channel secrets for storage with AES-256-GCM: a random 12-byte nonce per value, a 16-byte tag. The stored
/// form is <c>enc:v1:</c> + base64(nonce | ciphertext | tag); a value without that prefix is plaintext written before
/// secrets were encrypted, read as it is. The key is <c>Parley:SecretKey</c> when set, otherwise one generated on first
/// start and kept in <c>&lt;DataDirectory&gt;/secret.key</c> (owner-only on Unix). The key is never logged.
/// </summary>
internal sealed class ChannelSecretProtector
{
    public const string Prefix = "enc:v1:";
    public const int KeySize = 32;
    public const string KeyFileName = "secret.key";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _key;

    public ChannelSecretProtector(IOptions<ParleyOptions> options)
        : this(LoadKey(options.Value))
    {
    }

    public ChannelSecretProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key.Length == KeySize ? key : throw new ArgumentException($"The secret key must be {KeySize} bytes.", nameof(key));
    }

    /// <summary>Whether <paramref name="value"/> is in the stored (encrypted) form.</summary>
    public static bool IsProtected(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="configured"/> is the base64 of exactly <see cref="KeySize"/> bytes.</summary>
    public static bool IsValidKey(string configured) => Decode(configured) is not null;

    /// <summary>The stored form of <paramref name="plaintext"/>; a value already in the stored form is kept as it is.</summary>
    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (IsProtected(plaintext))
        {
            return plaintext;
        }
        var data = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + data.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagSize))
        {
            aes.Encrypt(nonce, data, sealedValue.AsSpan(NonceSize, data.Length), sealedValue.AsSpan(NonceSize + data.Length));
        }
        return Prefix + Convert.ToBase64String(sealedValue);
    }

    /// <summary>
    /// The plaintext of a stored value: plaintext values are returned as they are. False when the value is in the stored
    /// form but cannot be opened with this key (another key, or damaged).
    /// </summary>
    public bool TryUnprotect(string stored, out string plaintext)
    {
        ArgumentNullException.ThrowIfNull(stored);
        plaintext = stored;
        if (!IsProtected(stored))
        {
            return true;
        }
        var sealedValue = new byte[(stored.Length - Prefix.Length) * 3 / 4];
        if (!Convert.TryFromBase64String(stored[Prefix.Length..], sealedValue, out var length) || length < NonceSize + TagSize)
        {
            return false;
        }
        var cipherLength = length - NonceSize - TagSize;
        var data = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, cipherLength), sealedValue.AsSpan(NonceSize + cipherLength, TagSize), data);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        plaintext = Encoding.UTF8.GetString(data);
        return true;
    }

    private static byte[]? Decode(string configured)
    {
        var key = new byte[KeySize + 3];
        return Convert.TryFromBase64String(configured.Trim(), key, out var length) && length == KeySize ? key[..KeySize] : null;
    }

    private static byte[] LoadKey(ParleyOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SecretKey))
        {
            // Checked at start by the options validation; this is the same rule.
            return Decode(options.SecretKey) ?? throw new InvalidOperationException(InvalidKeyMessage);
        }
        Directory.CreateDirectory(options.DataDirectory);
        var path = Path.Combine(options.DataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            try
            {
                var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var writer = new StreamWriter(path, Encoding.ASCII, created);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process sharing the data directory created it first: use theirs.
            }
        }
        return Decode(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} does not hold a secret key (the base64 of {KeySize} bytes). Restore the original file, or set Parley:SecretKey to the key the channel secrets were written with.");
    }

    public const string InvalidKeyMessage =
        "Parley:SecretKey must be the base64 of exactly 32 random bytes (for example the output of `openssl rand -base64 32`).";
}
