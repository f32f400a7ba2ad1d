package org.nsbed.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The Nodes page in a real browser: an admin takes a node down with a reason, sees it, frees it. */
class WebNodesTest {
  static WebSite site;
  static Browser browser;

  @BeforeAll
  static void start() {
    site = WebSite.get();
    browser = site.browser();
  }

  @Test
  void anAdminTakesANodeDownWithAReasonAndFreesIt() throws Exception {
    browser.signIn("root");
    browser.open("/nodes");
    browser.find(By.id("reason-pc11")).sendKeys("fan noise <loud>");
    browser.click(By.xpath("//tr[@id='node-pc11']//button[text()='Take down']"));
    WebElement row = browser.await(d -> {
      WebElement r = d.findElement(By.id("node-pc11"));
      return r.getText().contains("down") ? r : null;
    }, 30);
    assertTrue(row.getText().contains("fan noise <loud>"), row.getText());
    assertTrue(site.server.get(site.server.rootToken, "/api/v1/nodes").body().contains("fan noise <loud>"));
    browser.screenshot("nodes");
    browser.click(By.xpath("//tr[@id='node-pc11']//button[text()='Free']"));
    browser.await(d -> d.findElement(By.id("node-pc11")).getText().contains("free"), 30);
    assertEquals("", browser.find(By.cssSelector("#node-pc11 td.description")).getText());
  }
}
