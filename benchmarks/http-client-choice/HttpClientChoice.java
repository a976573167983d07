import java.net.URI;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

public class HttpClientChoice {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    SdkHttpClient http = args[0].equals("crt")
        ? software.amazon.awssdk.http.crt.AwsCrtHttpClient.builder().build()
        : software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build();
    SesV2Client ses = SesV2Client.builder().region(Region.US_EAST_1).httpClient(http).build();
    long t1 = System.nanoTime();
    ses.sendEmail(r -> r.fromEmailAddress("a@example.com").destination(d -> d.toAddresses("b@example.com"))
        .content(c -> c.simple(m -> m.subject(s -> s.data("s")).body(b -> b.text(t -> t.data("t"))))));
    long t2 = System.nanoTime();
    System.out.printf("init_ms=%.1f first_call_ms=%.1f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }
}
