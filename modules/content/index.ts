import { contentBlog } from "./blog";
import { contentCarousel } from "./carousel";
import { contentRender } from "./render-job";
import { contentSequence } from "./sequence";

export { contentBodyRules } from "./bodies";

export { contentRoutes } from "./routes";
export { seedContentDemo } from "./seed";

/** The content feature's job types, registered by the Worker in one line. */
export const contentJobTypes = [contentCarousel, contentBlog, contentSequence, contentRender];
