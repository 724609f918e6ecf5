package dev.mailroom.e2e;

import dev.mailroom.support.RunningApplication;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The app on a random port and a fresh headless Chromium for each test. */
@RunningApplication
abstract class BrowserTest {

    @LocalServerPort
    int port;

    WebDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
        // Vaadin dev mode serves its first page slowly on a cold JVM.
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    void signIn(String email, String password) {
        signIn(browser, wait, url("login"), email, password);
    }

    /** Signs in on the sign-in page at {@code loginUrl} in any browser (a second admin's, another node's). */
    static void signIn(WebDriver driver, WebDriverWait driverWait, String loginUrl, String email, String password) {
        driver.get(loginUrl);
        WebElement username =
                driverWait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("input[name='username']")));
        username.sendKeys(email);
        driver.findElement(By.cssSelector("input[name='password']")).sendKeys(password, Keys.ENTER);
    }

    /** Clicks like a person: scrolled to the middle of the window, clear of the dev-mode overlay at the bottom. */
    void click(String id) {
        click(browser, wait, id);
    }

    /** The same in another browser (a second admin's). */
    static void click(WebDriver driver, WebDriverWait driverWait, String id) {
        var element = driverWait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        driverWait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** Types into a Vaadin field and leaves it, so the value reaches the server. */
    void type(String fieldId, String text) {
        var input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + fieldId + " input")));
        input.clear();
        input.sendKeys(text, Keys.TAB);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + "/" + path;
    }

    /** On the page a mailed link leads to: choose this password, and land on the sign-in page. */
    void choosePassword(String password) {
        type("set-password-new", password);
        type("set-password-repeat", password);
        click("set-password-submit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-password-set")));
    }
}
