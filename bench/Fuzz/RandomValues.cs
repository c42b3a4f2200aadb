using System.Text;

namespace Fuzz;

/// <summary>The draws every generator makes from a request's <see cref="Random"/>: choices, bytes and text.</summary>
internal static class RandomValues
{
    const string SegmentCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";
    const string Base64UrlCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public static T Pick<T>(this Random random, T[] choices) => choices[random.Next(choices.Length)];

    /// <summary>One of the choices, each as likely as its weight.</summary>
    public static T PickWeighted<T>(this Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(choice => choice.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
                return value;
            roll -= weight;
        }

        return choices[^1].Value;
    }

    /// <summary>A path segment: unreserved characters, sub-delimiters and percent-encoded bytes of any value.</summary>
    public static string Segment(this Random random)
    {
        var length = random.Next(1, 40);
        var segment = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            if (random.Next(6) == 0)
                segment.Append('%').Append($"{random.Next(256):X2}");
            else
                segment.Append(SegmentCharacters[random.Next(SegmentCharacters.Length)]);
        }

        return segment.ToString();
    }

    /// <summary>Printable ASCII.</summary>
    public static string Filler(this Random random, int length)
    {
        var characters = new char[length];
        for (var i = 0; i < length; i++)
            characters[i] = (char)random.Next(0x20, 0x7F);
        return new string(characters);
    }

    public static string Base64Url(this Random random, int length)
    {
        var characters = new char[length];
        for (var i = 0; i < length; i++)
            characters[i] = Base64UrlCharacters[random.Next(Base64UrlCharacters.Length)];
        return new string(characters);
    }

    public static byte[] Bytes(this Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static Guid NextGuid(this Random random) => new(random.Bytes(16));
}
