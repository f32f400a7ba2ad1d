package org.nsbed.cli.server;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver by Selenium. Both programs are
 * named explicitly, so Selenium never looks for or downloads a browser or a driver of its own; a
 * machine without them fails the tests instead of skipping them ({@code apt-get install chromium
 * chromium-driver}).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where the screenshots of the main pages go, for the README. */
  static final Path SCREENSHOTS = Path.of("../docs/screenshots");

  private final ChromeDriver driver;
  private final String base;
  private final Path profile;

  private Browser(ChromeDriver driver, String base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  static Browser start(String base) {
    for (Path p : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(p)) {
        throw new AssertionError(p + " is missing: the web page tests need Debian's chromium and chromium-driver "
            + "(apt-get install -y chromium chromium-driver)");
      }
    }
    try {
      Path profile = Files.createTempDirectory("nsbed-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--window-size=1280,1400", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
      return new Browser(new ChromeDriver(service, options), base, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a path of the site. */
  void open(String path) {
    driver.get(base + path);
  }

  String path() {
    return driver.getCurrentUrl().substring(base.length());
  }

  /** Signs out whoever was signed in and signs {@code user} of the test site in with their password. */
  void signIn(String user) {
    signIn(user, WebSite.password(user));
  }

  void signIn(String user, String password) {
    driver.manage().deleteAllCookies();
    open("/login");
    find(By.id("username")).sendKeys(user);
    find(By.id("password")).sendKeys(password);
    find(By.cssSelector("form button[type=submit]")).click();
    await(d -> !path().startsWith("/login"), 30);
  }

  /** Clicks the element, found anew if a live update replaced it in between. */
  void click(By by) {
    await(d -> {
      try {
        d.findElement(by).click();
        return true;
      } catch (StaleElementReferenceException replaced) {
        return false;
      }
    }, 30);
  }

  WebElement find(By by) {
    return driver.findElement(by);
  }

  /**
   * Waits until {@code condition} holds (true or non-null), for at most {@code seconds}. An element
   * that a live update replaced while the condition looked at it is looked up again on the next try.
   */
  <T> T await(Function<WebDriver, T> condition, int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class).until(condition::apply);
  }

  /** The page's text as the user reads it. */
  String text() {
    return find(By.tagName("body")).getText();
  }

  /** Saves what the browser shows as {@code docs/screenshots/NAME.png}. */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
