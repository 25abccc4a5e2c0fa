namespace Gongkai.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Gongkai.Bench -- <benchmark>");
        return 2;
    }
}
