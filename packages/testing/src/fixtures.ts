// Answers shared by tests of several packages, shaped as the spec describes them.

/** An `identifyAdmin` answer that fits the 2.16 `admin_with_app` model. */
export const admin = {
  type: "admin",
  id: "1",
  name: "Ada",
  email: "ada@example.com",
  email_verified: true,
  app: null,
  avatar: { type: "avatar", image_url: null },
  has_inbox_seat: true,
}
