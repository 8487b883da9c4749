package dev.nnc.playground;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 9, acceptance 1: the page in headless Chromium (Debian's chromium and chromedriver; no
 * browser is downloaded) builds a 2-4-2 tanh network on XOR by clicks and selections, trains it,
 * and shows a test loss under 0.05. The screenshot goes to target/playground.png, or where
 * {@code -Dplayground.screenshot=PATH} says (the README's is docs/playground.png).
 */
class PageInChromiumTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /**
   * The test uses WebDriver only, not the DevTools protocol whose version Selenium warns about;
   * held here because java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger CDP_WARNINGS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  @Test
  void buildsA242TanhNetworkOnXorAndTrainsItUnderATestLossOf005() throws Exception {
    assertWithMessage("the end-to-end test needs Debian's chromium and chromedriver: apt-get install -y chromium chromium-driver (.ci/run installs them)")
        .that(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)).isTrue();
    CDP_WARNINGS.setLevel(java.util.logging.Level.OFF);
    // The driver's path is given, so Selenium Manager never looks for (or downloads) one.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1500,1150");
    try (PlaygroundServer server = PlaygroundServer.start(0)) {
      WebDriver page = new ChromeDriver(service, options);
      try {
        page.get(server.url());
        WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(20));
        wait.until(d -> text(d, "program").contains("model playground"));

        click(page, wait, "dataset-xor");
        wait.until(d -> text(d, "program").contains("xor data"));
        // From Playground's default (4, 2) to no hidden layer, then two of 2 neurons, then 4 in the first.
        click(page, wait, "remove-layer");
        click(page, wait, "remove-layer");
        wait.until(d -> text(d, "layer-count").equals("0") && text(d, "program").contains("out = dense(x, 1"));
        click(page, wait, "add-layer");
        wait.until(d -> text(d, "layer-count").equals("1"));
        click(page, wait, "add-layer");
        wait.until(d -> text(d, "layer-count").equals("2"));
        click(page, wait, "add-neuron-0");
        wait.until(d -> text(d, "program").contains("h1 = dense(x, 3,"));
        click(page, wait, "add-neuron-0");
        new Select(page.findElement(By.id("activation"))).selectByValue("relu");
        wait.until(d -> text(d, "program").contains("act = relu"));
        new Select(page.findElement(By.id("activation"))).selectByValue("tanh");
        new Select(page.findElement(By.id("learning-rate"))).selectByVisibleText("0.1");
        wait.until(d -> text(d, "command").contains("--lr 0.1"));
        String program = text(page, "program");
        assertThat(program).contains("input x[2]");
        assertThat(program).contains("h1 = dense(x, 4, act = tanh)");
        assertThat(program).contains("h2 = dense(h1, 2, act = tanh)");
        assertThat(program).contains("out = dense(h2, 1, act = identity)");
        assertThat(text(page, "grad")).contains("# backward: gradients of loss");

        click(page, wait, "play");
        new WebDriverWait(page, Duration.ofSeconds(30)).until(d -> loss(text(d, "test-loss")) < 0.05 && !text(d, "epoch").equals("000,000"));
        click(page, wait, "play");
        page.findElement(By.id("show-test")).click();
        double testLoss = loss(text(page, "test-loss"));
        assertThat(testLoss).isLessThan(0.05);
        assertThat(text(page, "command")).startsWith("nnc train playground.nn --data playground.csv --split 0.5 --seed 0 --epochs ");

        File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("playground.screenshot", "target/playground.png"));
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        page.quit();
      }
    }
  }

  private static String text(WebDriver page, String id) {
    return page.findElement(By.id(id)).getText();
  }

  private static void click(WebDriver page, WebDriverWait wait, String id) {
    wait.until(d -> !d.findElements(By.id(id)).isEmpty());
    page.findElement(By.id(id)).click();
  }

  private static double loss(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return Double.POSITIVE_INFINITY;   // "–" before the first epoch
    }
  }
}
