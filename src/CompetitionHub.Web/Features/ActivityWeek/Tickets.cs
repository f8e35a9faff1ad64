using System.Security.Cryptography;

namespace CompetitionHub.Web.Features.ActivityWeek;

/// <summary>The two faces of a ticket: a long random token for the QR code and a short code a person can read out and type.</summary>
public static class Tickets
{
    /// <summary>No 0/O, 1/I/L: a code read off a phone screen in a noisy hall is typed right the first time.</summary>
    public const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int CodeLength = 8;

    /// <summary>256 random bits, base64url without padding (43 characters): unguessable and safe in a URL.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>31^8 ≈ 8.5·10^11 codes; the unique index catches the rare repeat and the sign-up is retried with a new one.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>What staff typed, made comparable: case and spaces/dashes do not matter.</summary>
    public static string NormalizeCode(string? typed) =>
        new((typed ?? "").ToUpperInvariant().Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>The QR code of the token as a PNG, as shown on the tickets page and in the email.</summary>
    public static byte[] QrPng(string token) => Infrastructure.QrCodes.Png(token);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
